"""Who said each turn of a transcript whose turns carry no names: pure, one file a stage.

``names`` (spelling and likeness of names) -> ``cast`` (who is in the room) ->
``evidence`` (points per turn and person) -> ``decode`` (the whole sequence at
once, unnamed voices grouped). ``scoring`` measures the result against a gold
transcript (``manage.py attribution_report``).
"""
