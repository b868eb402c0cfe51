#!/usr/bin/python3
"""Writes wasm/model/sts-endpoints.tsv from the STS endpoint rule set of
Debian's botocore, resolved with regional endpoints (UseGlobalEndpoint false,
as AWS_STS_REGIONAL_ENDPOINTS=regional does). STS is regional: each row's url
and signing region hold {region}, which keyflip fills from the client's region.
A combination the rules refuse is written as url "none".

    /usr/bin/python3 scripts/model/sts-endpoints.py > wasm/model/sts-endpoints.tsv

tests/differential checks keyflip's STS endpoints against botocore itself.
"""
import botocore
import botocore.session
from botocore.endpoint_provider import EndpointProvider

session = botocore.session.get_session()
loader = session.get_component('data_loader')
rules = loader.load_service_model('sts', 'endpoint-rule-set-1')
partitions = loader.load_data('partitions')
provider = EndpointProvider(rules, partitions)

print('# STS endpoints by partition, FIPS and dual-stack, with the SigV4 signing region;')
print('# {region} is the client\'s region. Written by scripts/model/sts-endpoints.py from the')
print(f'# STS endpoint rule set of botocore {botocore.__version__} with regional endpoints. Service name for signing: sts.')
print('partition\tfips\tdualstack\turl\tsigning_region')
for partition in partitions['partitions']:
    # A real region of the partition (not its "-global" pseudo-region) stands for all of them.
    region = next(r for r in partition['regions'] if not r.endswith('global'))
    for fips in (False, True):
        for dual_stack in (False, True):
            try:
                endpoint = provider.resolve_endpoint(Region=region, UseFIPS=fips, UseDualStack=dual_stack,
                                                     UseGlobalEndpoint=False)
                url = endpoint.url.replace(region, '{region}')
                schemes = endpoint.properties.get('authSchemes') or [{}]
                signing = schemes[0].get('signingRegion', region).replace(region, '{region}')
                assert '{region}' in url, url
            except botocore.exceptions.EndpointResolutionError:
                url, signing = 'none', 'none'
            print(f"{partition['id']}\t{str(fips).lower()}\t{str(dual_stack).lower()}\t{url}\t{signing}")
