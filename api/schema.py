"""The OpenAPI schema says every status the API answers with, not only 200."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ArchiveAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        error = self._get_response_for_code(ErrorSerializer, "400")
        bodies.setdefault(
            "404",
            {**error, "description": "Not found, not published, or a page or cursor past the end."},
        )
        bodies.setdefault(
            "400",
            {
                "description": "A parameter is invalid: each one's messages, by name.",
                "content": {
                    # The site refuses a NUL character in any address before a view runs.
                    "text/plain": {"schema": {"type": "string"}},
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": {
                                "oneOf": [
                                    {"type": "array", "items": {"type": "string"}},
                                    {"type": "string"},
                                ]
                            },
                        }
                    },
                },
            },
        )
        bodies["429"] = {
            **error,
            "description": "Too many requests from this address: wait Retry-After seconds.",
            "headers": {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before asking again.",
                }
            },
        }
        return bodies
