"""The public pages that show the words.

search.py: the search page. episodes.py: the episode page (its transcript) and the
transcript downloads. speakers.py: the speaker page (their remarks and talk time).
The episode and speaker pages keep their addresses and names in the catalogue's URL
namespace (``episodes:detail``, ``episodes:download``, ``episodes:speaker_detail``):
forum_archive/urls.py mounts them beside the catalogue's own pages, so the catalogue
app imports nothing of the transcripts app.
"""
