// IAM's public endpoints for every partition keyflip supports (plain, FIPS,
// dual-stack), from AWS's IAM endpoint rule set. The page shows the
// partitions by name; the page server and the single-file build allow
// exactly these origins in the Content-Security-Policy's connect-src, so the
// page can reach IAM and nothing else (besides the configured endpoint).
// tests/web/csp.test.js checks this list against the shared endpoint table.

export const PARTITIONS = [
  { id: 'aws', label: 'AWS (commercial regions)' },
  { id: 'aws-cn', label: 'AWS China' },
  { id: 'aws-us-gov', label: 'AWS GovCloud (US)' },
  { id: 'aws-iso', label: 'AWS ISO (US)' },
  { id: 'aws-iso-b', label: 'AWS ISOB (US)' },
  { id: 'aws-iso-e', label: 'AWS ISOE (Europe)' },
  { id: 'aws-iso-f', label: 'AWS ISOF (US)' },
  { id: 'aws-eusc', label: 'AWS European Sovereign Cloud' },
];

export const IAM_ENDPOINT_ORIGINS = [
  // aws
  'https://iam.amazonaws.com',
  'https://iam-fips.amazonaws.com',
  'https://iam.global.api.aws',
  'https://iam-fips.global.api.aws',
  // aws-cn
  'https://iam.cn-north-1.amazonaws.com.cn',
  'https://iam-fips.amazonaws.com.cn',
  'https://iam.global.api.amazonwebservices.com.cn',
  'https://iam-fips.api.amazonwebservices.com.cn',
  // aws-us-gov (FIPS and plain share their hosts)
  'https://iam.us-gov.amazonaws.com',
  'https://iam.us-gov.api.aws',
  // aws-iso
  'https://iam.us-iso-east-1.c2s.ic.gov',
  'https://iam-fips.us-iso-east-1.c2s.ic.gov',
  'https://iam.api.aws.ic.gov',
  'https://iam-fips.api.aws.ic.gov',
  // aws-iso-b
  'https://iam.us-isob-east-1.sc2s.sgov.gov',
  'https://iam-fips.us-isob-east-1.sc2s.sgov.gov',
  'https://iam.api.aws.scloud',
  'https://iam-fips.api.aws.scloud',
  // aws-iso-e
  'https://iam.eu-isoe-west-1.cloud.adc-e.uk',
  'https://iam-fips.cloud.adc-e.uk',
  'https://iam.api.cloud-aws.adc-e.uk',
  'https://iam-fips.api.cloud-aws.adc-e.uk',
  // aws-iso-f
  'https://iam.us-isof-south-1.csp.hci.ic.gov',
  'https://iam-fips.csp.hci.ic.gov',
  'https://iam.api.aws.hci.ic.gov',
  'https://iam-fips.api.aws.hci.ic.gov',
  // aws-eusc
  'https://iam.eusc-de-east-1.amazonaws.eu',
  'https://iam-fips.amazonaws.eu',
  'https://iam.global.api.amazonwebservices.eu',
  'https://iam-fips.api.amazonwebservices.eu',
];
