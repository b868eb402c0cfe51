"""botocore's side of the differential test, for every IAM operation.

run(case) signs a case the way botocore's IAM client does: each request goes
through a real botocore IAM client (endpoint rule set, Query serializer,
SigV4 signer) and is captured at "before-send", so nothing reaches the
network. parse(case) reads the case's XML answer with botocore's QueryParser
against the same model. differential.py calls both. Run it with Debian's
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
import types

import botocore
import botocore.auth
import botocore.compat
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

session = botocore.session.get_session()
KNOWN_PARTITIONS = set(session.get_available_partitions())


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
    """The request as each SigV4 implementation signs it: {"python": {...}, "crt": {...}}."""
    signed = {}
    for name, implementation in SIGNERS.items():
        botocore.auth.AUTH_TYPE_MAPS["v4"] = implementation  # what the client's signer looks up
        signed[name] = _sign_once(case, region, fips, dual_stack, endpoint_url)
    return signed


def _sign_once(case, region, fips, dual_stack, endpoint_url):
    credentials = case["credentials"]
    client = session.create_client(
        "iam",
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
    client.meta.events.register(f"before-send.iam.{action}", _capture(sent, action))
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
    partition, fips, dual = case["partition"], case["fips"], case["dualStack"]
    keyflip = case["keyflip"]  # keyflip's endpoint and signing region for this case
    result = {"id": case["id"]}
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


IAM_MODEL = session.get_service_model("iam")
QUERY_PARSER = botocore.parsers.QueryParser()


def parse(case):
    """The case's XML answer as botocore's QueryParser reads it (no ResponseMetadata)."""
    output_shape = IAM_MODEL.operation_model(case["action"]).output_shape
    parsed = QUERY_PARSER.parse({"body": case["xml"].encode("utf-8"), "status_code": 200,
                                 "headers": {}}, output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed
