"""The demo archive: fictional shows written for this project, loaded through the importer.

Everything is looked up before it is created, so loading twice changes nothing.
"""

import json
import math
import struct
import wave
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from episodes.models import Appearance, Episode, Show, Speaker, SpeakerAlias, Topic
from transcripts.services import import_transcript

DEMO_DIR = Path(__file__).resolve().parent / "demo"


@transaction.atomic
def load_demo_archive(*, demo_dir=DEMO_DIR):
    manifest = json.loads((demo_dir / "archive.json").read_text(encoding="utf-8"))
    created = {"shows": 0, "topics": 0, "speakers": 0, "episodes": 0, "transcripts": 0}

    shows = {}
    for row in manifest["shows"]:
        shows[row["name"]], new = Show.objects.get_or_create(
            name=row["name"],
            defaults={k: row.get(k, "") for k in ("station", "description", "website")},
        )
        created["shows"] += new
    topics = {}
    for row in manifest["topics"]:
        topics[row["name"]], new = Topic.objects.get_or_create(
            name=row["name"], defaults={"description": row.get("description", "")}
        )
        created["topics"] += new
    speakers = {}
    for row in manifest["speakers"]:
        speaker, new = Speaker.objects.get_or_create(
            name=row["name"],
            defaults={k: row.get(k, "") for k in ("honorific", "affiliation", "bio")},
        )
        for alias in row.get("aliases", []):
            SpeakerAlias.objects.get_or_create(speaker=speaker, name=alias)
        speakers[row["name"]] = speaker
        created["speakers"] += new

    for row in manifest["episodes"]:
        episode, new = Episode.objects.get_or_create(
            show=shows[row["show"]],
            air_date=date.fromisoformat(row["air_date"]),
            title=row["title"],
            defaults={
                "duration_s": row["duration_s"],
                "summary": row["summary"],
                "description": row["description"],
                "is_published": True,
            },
        )
        created["episodes"] += new
        episode.topics.add(*(topics[name] for name in row["topics"]))
        for appearance in row["appearances"]:
            Appearance.objects.get_or_create(
                episode=episode,
                speaker=speakers[appearance["speaker"]],
                defaults={
                    "role": appearance["role"],
                    "introduced_as": appearance.get("introduced_as", ""),
                },
            )
        if row.get("media") and not episode.media_url:
            episode.media_url = write_demo_audio(f"{episode.slug}.wav", seconds=row["duration_s"])
            episode.save(update_fields=["media_url", "updated_at"])
        path = demo_dir / row["transcript"]
        result = import_transcript(
            path.read_bytes(),
            filename=path.name,
            episode=episode,
            format=row.get("format"),
            speakers=speakers,
        )
        created["transcripts"] += result.status != "unchanged"
    return created


def write_demo_audio(name, *, seconds, rate=8000):
    """A quiet tone in pulses, long enough for the player to seek through; returns its URL."""
    path = Path(settings.MEDIA_ROOT) / "demo" / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with wave.open(str(path), "wb") as audio:
            audio.setnchannels(1)
            audio.setsampwidth(2)
            audio.setframerate(rate)
            frames = bytearray()
            for i in range(seconds * rate):
                t = i / rate
                envelope = 0.5 + 0.5 * math.sin(2 * math.pi * 0.5 * t)  # one pulse every 2 s
                frames += struct.pack("<h", int(3000 * envelope * math.sin(2 * math.pi * 220 * t)))
            audio.writeframes(bytes(frames))
    return f"/{settings.MEDIA_URL.strip('/')}/demo/{name}"
