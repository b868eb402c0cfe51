"""botocore's side of the differential test, for every IAM and STS operation.

run(case) signs a case the way botocore's client of the case's service does:
each request goes through a real botocore IAM or STS client (endpoint rule
set, Query serializer, SigV4 signer) and is captured at "before-send", so
nothing reaches the network. STS clients resolve regional endpoints
(sts_regional_endpoints = "regional", what AWS_STS_REGIONAL_ENDPOINTS=regional
sets), with the case's region, FIPS and dual-stack; a combination the rules
refuse raises EndpointResolutionError, which run() reports as refused.
parse(case) reads the case's XML answer with botocore's QueryParser against
the service's model (a blob is bytes). differential.py calls both. Run it with Debian's
python3 (python3-botocore): KEYFLIP_PYTHON in run.sh, because another python3
on PATH may carry a different botocore.

Every case is signed by both of botocore's SigV4 implementations: the
pure-Python SigV4Auth and, when python3-awscrt is installed (Debian's
python3-botocore recommends it, and botocore then prefers it), CrtSigV4Auth
(aws-c-auth). Both must give keyflip's result.

Two adjustments, both so that the comparison is of the same request:
  * the clock: botocore 1.29's signers read datetime.datetime.utcnow(),
    which is frozen at each case's date;
  * the SDK's retry headers (amz-sdk-invocation-id, amz-sdk-request) are
    random per call and would be signed; keyflip does not send them, so the
    handler that adds them is unregistered.

For a partition botocore does not know, or a (partition, FIPS, dual-stack)
combination whose endpoint changed after botocore 1.29's rule set (see
KNOWN_DIVERGENT), the case is also signed against keyflip's endpoint
(endpoint_url + its signing region), so the body and Authorization are still
compared; the result says which endpoint was used and why.
"""
import datetime
import os
import types

import botocore
import botocore.auth
import botocore.compat
import botocore.exceptions
import botocore.handlers
import botocore.parsers
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.config import Config

# Endpoints that moved after the rule set in botocore 1.29 (2022): dual-stack
# is now one global host per partition (was iam.<region>.api.aws, or plain
# FIPS/non-FIPS for aws-iso*), and aws-cn FIPS is iam-fips.amazonaws.com.cn
# (was regional). keyflip follows the current rule set (shared
# testdata/iam-endpoints.tsv), so these must differ; any other difference fails.
KNOWN_DIVERGENT = {
    (p, fips, True) for p in ("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b")
    for fips in (False, True)
} | {("aws-cn", True, False)}
# In botocore 1.29 the aws-iso and aws-iso-b FIPS hosts carry the configured
# region (iam-fips.<region>.c2s.ic.gov); the current rule set fixes them to
# the home region. They must agree exactly when the region is the home region.
REGIONAL_IN_1_29 = {("aws-iso", True, False), ("aws-iso-b", True, False)}

EPOCH = datetime.datetime(1970, 1, 1)


class FrozenDatetime(datetime.datetime):
    """datetime whose utcnow() is the case's signing time."""
    frozen = EPOCH

    @classmethod
    def utcnow(cls):
        return cls.frozen


# Only botocore's signers see the frozen clock; the datetime module stays as is.
_frozen_module = types.SimpleNamespace(datetime=FrozenDatetime, timezone=datetime.timezone)
botocore.auth.datetime = _frozen_module
SIGNERS = {"python": botocore.auth.SigV4Auth}
if botocore.compat.HAS_CRT:
    import botocore.crt.auth
    botocore.crt.auth.datetime = _frozen_module
    SIGNERS["crt"] = botocore.crt.auth.CrtSigV4Auth

# STS with regional endpoints, as keyflip resolves them (the environment
# variable for any botocore code that reads it, the session variable for this
# session's clients).
os.environ["AWS_STS_REGIONAL_ENDPOINTS"] = "regional"
session = botocore.session.get_session()
session.set_config_variable("sts_regional_endpoints", "regional")
KNOWN_PARTITIONS = set(session.get_available_partitions())
# Each partition's regions in botocore's partitions.json: an STS case must name one.
PARTITION_REGIONS = {p["id"]: set(p["regions"])
                     for p in session.get_component("data_loader").load_data("partitions")["partitions"]}


class _Raw:
    def __init__(self, body):
        self.body = body

    def stream(self, **_):
        yield self.body


def _capture(sink, action):
    # A minimal success answer of the action, so the client's parse succeeds.
    body = (f"<{action}Response><{action}Result/><ResponseMetadata><RequestId>r</RequestId>"
            f"</ResponseMetadata></{action}Response>").encode()

    def before_send(request, **_):
        sink.append(request)
        return AWSResponse(request.url, 200, {}, _Raw(body))  # short-circuits the HTTP send
    return before_send


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def sign(case, region, fips, dual_stack, endpoint_url=None):
    """The request as each SigV4 implementation signs it: {"python": {...}, "crt": {...}};
    a signer's entry is {"refused": message} when the endpoint rules refuse the combination."""
    signed = {}
    for name, implementation in SIGNERS.items():
        botocore.auth.AUTH_TYPE_MAPS["v4"] = implementation  # what the client's signer looks up
        try:
            signed[name] = _sign_once(case, region, fips, dual_stack, endpoint_url)
        except botocore.exceptions.EndpointResolutionError as error:
            signed[name] = {"refused": f"{type(error).__name__}: {error}"}
    return signed


def _sign_once(case, region, fips, dual_stack, endpoint_url):
    credentials = case["credentials"]
    service = case["service"]
    client = session.create_client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id=credentials["accessKeyId"],
        aws_secret_access_key=credentials["secretAccessKey"],
        aws_session_token=credentials.get("sessionToken"),
        config=Config(use_fips_endpoint=fips, use_dualstack_endpoint=dual_stack,
                      retries={"total_max_attempts": 1}),
    )
    client.meta.events.unregister("request-created", botocore.handlers.add_retry_headers)
    sent = []
    action = case["action"]
    client.meta.events.register(f"before-send.{service}.{action}", _capture(sent, action))
    FrozenDatetime.frozen = EPOCH + datetime.timedelta(milliseconds=case["dateMs"])
    # Keyword order = the JSON's order = the shape's member order, as keyflip serializes them.
    getattr(client, botocore.xform_name(action))(**case["params"])
    request = sent[-1]
    headers = {k.lower(): _text(v) for k, v in request.headers.items()}
    return {
        "url": request.url,
        "body": _text(request.body),
        "authorization": headers.get("authorization"),
        "x-amz-date": headers.get("x-amz-date"),
        "x-amz-security-token": headers.get("x-amz-security-token"),
        "content-type": headers.get("content-type"),
    }


def run(case):
    if case["service"] == "sts":
        return run_regional(case)
    partition, fips, dual = case["partition"], case["fips"], case["dualStack"]
    keyflip = case["keyflip"]  # keyflip's endpoint and signing region for this case
    result = {"id": case["id"]}
    if "refused" in keyflip:  # botocore must refuse it too (differential.py checks)
        result["endpointSource"] = "botocore"
        result["signed"] = sign(case, case["region"], fips, dual) if partition in KNOWN_PARTITIONS else {}
        return result
    if partition not in KNOWN_PARTITIONS:
        result["endpointSource"] = "keyflip"
        result["why"] = f"botocore {botocore.__version__} does not know partition {partition}"
    else:
        own = sign(case, case["region"], fips, dual)
        result["botocoreEndpointUrl"] = own["python"]["url"]
        combo = (partition, fips, dual)
        divergent = combo in KNOWN_DIVERGENT or (
            combo in REGIONAL_IN_1_29 and case["region"] != keyflip["signingRegion"])
        if not divergent:
            result["endpointSource"] = "botocore"
            result["signed"] = own
            return result
        result["endpointSource"] = "keyflip"
        result["why"] = (f"botocore {botocore.__version__}'s IAM rule set predates this endpoint "
                         f"(it gives hosts such as {own['python']['url']})")
        if combo in REGIONAL_IN_1_29:
            result["why"] += "; compared exactly when the region is the home region"
        result["expectDifferentEndpoint"] = True
    result["signed"] = sign(case, keyflip["signingRegion"], False, False, endpoint_url=keyflip["url"])
    return result


def run_regional(case):
    """An STS case: botocore's own endpoint, always (keyflip's table is made from
    this botocore's rules, so any difference fails). The region must be one of
    the partition's in botocore's partitions.json."""
    partition, region = case["partition"], case["region"]
    if region not in PARTITION_REGIONS.get(partition, ()):
        raise ValueError(f"case {case['id']}: region {region} is not listed for partition {partition} "
                         f"in botocore {botocore.__version__}'s partitions.json; fix kRegions in the driver")
    return {"id": case["id"], "endpointSource": "botocore",
            "signed": sign(case, region, case["fips"], case["dualStack"])}


MODELS = {name: session.get_service_model(name) for name in ("iam", "sts")}
QUERY_PARSER = botocore.parsers.QueryParser()


def parse(case):
    """The case's XML answer as botocore's QueryParser reads it (no ResponseMetadata)."""
    output_shape = MODELS[case["service"]].operation_model(case["action"]).output_shape
    parsed = QUERY_PARSER.parse({"body": case["xml"].encode("utf-8"), "status_code": 200,
                                 "headers": {}}, output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed
