// IAM's endpoints as the page uses them. The endpoints themselves (every
// partition, plain, FIPS and dual-stack) are the package's, from the C++
// core (kf.endpoints()); the page server and the single-file build allow
// exactly their origins in the Content-Security-Policy's connect-src, so the
// page can reach IAM and nothing else (besides the configured endpoint).
// This file only names the partitions for people.

const PARTITION_LABELS = new Map(Object.entries({
  aws: 'AWS (commercial regions)',
  'aws-cn': 'AWS China',
  'aws-us-gov': 'AWS GovCloud (US)',
  'aws-iso': 'AWS ISO (US)',
  'aws-iso-b': 'AWS ISOB (US)',
  'aws-iso-e': 'AWS ISOE (Europe)',
  'aws-iso-f': 'AWS ISOF (US)',
  'aws-eusc': 'AWS European Sovereign Cloud',
}));

/** endpoints: kf.endpoints(). The partitions in their order, each with a label (its id if unnamed here). */
export function partitions(endpoints) {
  return [...new Set(endpoints.map((row) => row.partition))].map((id) => ({ id, label: PARTITION_LABELS.get(id) ?? id }));
}

/**
 * The region the page signs STS calls for when it talks to a partition (not
 * a custom endpoint): IAM's own signing region there (us-east-1,
 * cn-north-1, us-gov-west-1, ...), so STS goes to that region's endpoint.
 * iamEndpoints: kf.endpoints(); undefined for an unknown choice.
 */
export function stsRegionFor(iamEndpoints, { partition, fips = false, dualStack = false }) {
  return iamEndpoints.find((row) => row.partition === partition && row.fips === fips && row.dualStack === dualStack)?.signingRegion;
}

/**
 * iamEndpoints: kf.endpoints(); stsEndpoints: kf.stsEndpoints(). The origin of
 * STS's endpoint in each partition's home region (stsRegionFor), once each:
 * what the page's leak response calls (GetCallerIdentity, GetAccessKeyInfo).
 */
export function stsOrigins(iamEndpoints, stsEndpoints) {
  const origins = [];
  for (const iam of iamEndpoints) {
    const sts = stsEndpoints.find((row) => row.partition === iam.partition && row.fips === iam.fips && row.dualStack === iam.dualStack);
    if (sts) origins.push(new URL(sts.url.replace('{region}', iam.signingRegion)).origin);
  }
  return [...new Set(origins)];
}

/** endpoints: kf.endpoints(). Every IAM endpoint's origin, once each. */
export function iamOrigins(endpoints) {
  return [...new Set(endpoints.map((row) => new URL(row.url).origin))];
}
