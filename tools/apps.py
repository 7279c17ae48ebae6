from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """Benchmark, load and fault drills: commands that print figures, outside the domain apps."""

    name = "tools"
