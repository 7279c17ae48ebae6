from django.shortcuts import render


def search(request):
    # Placeholder until the search page lands (issue 6).
    return render(request, "transcripts/search.html", {"query": request.GET.get("q", "")})
