"""Python calls counted (cProfile's total): what a cut in per-request work is measured in,
the same on a busy machine as on an idle one."""

import cProfile
import pstats


def python_calls(function):
    """The Python and builtin function calls ``function()`` makes, itself included."""
    profile = cProfile.Profile()
    profile.enable()
    function()
    profile.disable()
    return pstats.Stats(profile).total_calls
