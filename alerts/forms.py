from django import forms

from alerts.models import Frequency


class SubscribeForm(forms.Form):
    """Only an address, and how often: no account."""

    email = forms.EmailField(label="Your email address", max_length=254)
    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
    )
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000)
