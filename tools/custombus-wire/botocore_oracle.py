"""What botocore does on the wire for the Custom Event Bus PutEvents (eventbridgev2).

The connector's wire tests run this to compare their requests and parsing with botocore's own.
It reads a JSON list of commands on stdin and writes a JSON list of answers on stdout, one per
command, so that a test pays for one interpreter start.

Commands ("op"):
  request   botocore's PutEvents request for "params", as it leaves the client (after endpoint
            resolution and signing): url, method, headers, body (base64) and the body decoded.
  decode    a CBOR body (base64) decoded by botocore's own CBOR parser.
  answer    what boto3's client makes of an HTTP answer (status, headers, body base64): the
            parsed result, or the error it raises (class, code, message).
  endpoint  the URL botocore's endpoint provider resolves from the model's rule set.
  sign      the SigV4 signature botocore computes for a request at a given time.
  encode    CBOR for a PutEventsResponse ("value"), written by botocore's CBOR serializer, or for
            an error body ("error": a map of strings such as __type and message).

Timestamps go both ways as {"$epoch": seconds}; bytes as {"$base64": "..."}.
"""

import base64
import datetime
import json
import sys

import botocore
import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import ClientError
from botocore.loaders import create_loader
from botocore.parsers import RpcV2CBORParser
from botocore.serialize import CBORSerializer

SERVICE = "eventbridgev2"
_session = botocore.session.get_session()
_loader = create_loader()


def _plain(value):
    """Makes botocore's values JSON: datetimes as epoch seconds, bytes as base64."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {"$epoch": value.timestamp()}
    if isinstance(value, (bytes, bytearray)):
        return {"$base64": base64.b64encode(value).decode()}
    return value


def _native(value):
    """The reverse of _plain, for inputs."""
    if isinstance(value, dict):
        if set(value) == {"$epoch"}:
            return datetime.datetime.fromtimestamp(value["$epoch"], datetime.timezone.utc)
        return {k: _native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_native(v) for v in value]
    return value


class _Raw:
    """The part of urllib3's response that botocore's AWSResponse reads."""

    def __init__(self, body):
        self._body = body

    def stream(self, *args, **kwargs):
        yield self._body


def _client(command, answer):
    """A real boto3-style client whose HTTP send is replaced by `answer(request)`."""
    client = _session.create_client(
        SERVICE,
        region_name=command.get("region", "us-east-1"),
        endpoint_url=command.get("endpoint_url"),
        aws_access_key_id=command.get("access_key", "AKIDEXAMPLE"),
        aws_secret_access_key=command.get("secret_key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        aws_session_token=command.get("session_token"),
        aws_account_id=command.get("account_id"),
        config=Config(
            retries={"total_max_attempts": 1},
            account_id_endpoint_mode=command.get("account_id_endpoint_mode", "preferred"),
        ),
    )
    client.meta.events.register(f"before-send.{SERVICE}.PutEvents", answer)
    return client


def _ok_answer(request):
    body = bytearray()
    CBORSerializer()._serialize_type_structure(body, {}, _output_shape(), None)
    return AWSResponse(request.url, 200, {"Content-Type": "application/cbor"}, _Raw(bytes(body)))


def _output_shape():
    return _session.get_service_model(SERVICE).operation_model("PutEvents").output_shape


def op_request(command):
    captured = {}

    def answer(request, **kwargs):
        captured["url"] = request.url
        captured["method"] = request.method
        captured["headers"] = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()}
        body = request.body or b""
        captured["body"] = base64.b64encode(body).decode()
        captured["decoded"] = _plain(_decode(body))
        return _ok_answer(request)

    _client(command, answer).put_events(**_native(command["params"]))
    return captured


def _decode(body):
    parser = RpcV2CBORParser()
    return parser.parse_data_item(parser.get_peekable_stream_from_bytes(body))


def op_decode(command):
    return {"decoded": _plain(_decode(base64.b64decode(command["body"])))}


def op_answer(command):
    body = base64.b64decode(command["body"])

    def answer(request, **kwargs):
        return AWSResponse(request.url, command["status"], command.get("headers", {}), _Raw(body))

    params = _native(command.get("params") or _minimal_params())
    try:
        result = _client(command, answer).put_events(**params)
    except ClientError as error:
        return {
            "error": {
                "class": type(error).__name__,
                "code": error.response["Error"]["Code"],
                "message": error.response["Error"].get("Message", ""),
                "status": error.response["ResponseMetadata"].get("HTTPStatusCode"),
                "requestId": error.response["ResponseMetadata"].get("RequestId"),
            }
        }
    result.pop("ResponseMetadata", None)
    return {"result": _plain(result)}


def _minimal_params():
    return {
        "EventBusArn": "arn:aws:events:us-east-1:123456789012:event-busv2/orders/abcdefghijklmnopqrstuvwxy",
        "Entries": [{"Source": "com.example", "DetailType": "Ping"}],
    }


def op_endpoint(command):
    ruleset = _loader.load_service_model(SERVICE, "endpoint-rule-set-1")
    partitions = _loader.load_data("partitions")
    try:
        endpoint = EndpointProvider(ruleset, partitions).resolve_endpoint(**command["params"])
    except Exception as error:  # the rule set's own error rules raise here
        return {"error": str(error)}
    return {"url": endpoint.url}


def op_sign(command):
    request = AWSRequest(
        method=command["method"],
        url=command["url"],
        headers=command["headers"],
        data=base64.b64decode(command["body"]),
    )
    credentials = Credentials(command["access_key"], command["secret_key"], command.get("session_token"))
    auth = SigV4Auth(credentials, command["signing_name"], command["region"])
    request.context["timestamp"] = command["amz_date"]
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    return {
        "signature": auth.signature(string_to_sign, request),
        "scope": auth.scope(request),
        "signedHeaders": auth.signed_headers(auth.headers_to_sign(request)),
    }


def op_encode(command):
    body = bytearray()
    serializer = CBORSerializer()
    if "value" in command:
        serializer._serialize_type_structure(body, _native(command["value"]), _output_shape(), None)
    else:
        error = command["error"]
        body.extend(serializer._get_initial_byte(serializer.MAP_MAJOR_TYPE, len(error)))
        for key, text in error.items():
            serializer._serialize_type_string(body, key, None, None)
            serializer._serialize_type_string(body, text, None, None)
    return {"body": base64.b64encode(bytes(body)).decode()}


OPS = {
    "request": op_request,
    "decode": op_decode,
    "answer": op_answer,
    "endpoint": op_endpoint,
    "sign": op_sign,
    "encode": op_encode,
}


def main():
    commands = json.load(sys.stdin)
    answers = [dict(OPS[c["op"]](c), botocore=botocore.__version__) for c in commands]
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
