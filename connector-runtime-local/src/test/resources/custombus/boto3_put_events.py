"""Calls PutEvents of a Custom Event Bus with boto3's own eventbridgev2 client.

Reads {"endpoint_url": ..., "calls": [put_events keyword arguments, ...]} as JSON on stdin and
prints one answer per call, in order: {"result": ...} without ResponseMetadata, or
{"error": {"code", "message", "status", "class"}} when the client raises a ClientError.
Detail values given as JSON objects are sent as their JSON text, as the model wants a string.
"""

import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    request = json.load(sys.stdin)
    client = boto3.client(
        "eventbridgev2",
        endpoint_url=request["endpoint_url"],
        region_name="us-east-1",
        aws_access_key_id="local-key",
        aws_secret_access_key="local-secret",
        # One attempt: a test must see what the bus answered, not what a retry made of it.
        config=Config(retries={"total_max_attempts": 1}),
    )
    answers = []
    for params in request["calls"]:
        for entry in params["Entries"]:
            if isinstance(entry.get("Detail"), dict):
                entry["Detail"] = json.dumps(entry["Detail"])
        try:
            result = client.put_events(**params)
            result.pop("ResponseMetadata", None)
            answers.append({"result": result})
        except ClientError as error:
            answers.append(
                {
                    "error": {
                        "class": type(error).__name__,
                        "code": error.response["Error"]["Code"],
                        "message": error.response["Error"].get("Message", ""),
                        "status": error.response["ResponseMetadata"].get("HTTPStatusCode"),
                    }
                }
            )
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
