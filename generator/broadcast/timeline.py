"""The episode as an editable timeline: OpenTimelineIO, and the interchange files editors open.

Three video tracks at 25 fps, bottom to top: V1 the full-screen slides back to
back (its length is the preview's frame count), V2 a transparent, named
placeholder over every 现场督查 item for the field footage (the editor drops
the footage onto it without shifting anything; left alone, the slides show
through), V3 the lower-thirds at their in and out points — above the footage,
so they stay readable over it. Markers: one at each segment start and at the
tip-off close (on the timeline), one on each item (on its first slide), with
the record ids in their metadata.

Written as `timeline.otio` and, through OpenTimelineIO's maintained adapters,
FCP7 XML (Premiere, Resolve), FCPXML (Final Cut), a CMX 3600 EDL of V1, a
Kdenlive/MLT project and a GES project. Media paths are relative to the pack,
so the zip opens anywhere. Where an adapter falls short of what the station
needs, a short step below shapes its input or mends its output, and says why.
"""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as et
from dataclasses import dataclass
from pathlib import Path

import opentimelineio as otio
from opentimelineio.opentime import RationalTime, TimeRange

from generator import strings
from generator.captions import FPS
from generator.broadcast.layout import HEIGHT, WIDTH
from generator.broadcast.rundown import Item, Rundown
from generator.errors import OutputError

STATION = strings.STATION
NAMESPACE = "safety365"
"""Key of our own metadata (record ids, item numbers, segments) on clips and markers."""
ITEM_MARKER, SEGMENT_MARKER = otio.schema.MarkerColor.GREEN, otio.schema.MarkerColor.RED
FILES = ("timeline.otio", "timeline.xml", "timeline.fcpxml", "timeline.edl", "timeline.kdenlive", "timeline.xges")


@dataclass(frozen=True)
class Media:
    """The files one rundown item shows, relative to the pack: a slide per page, its lower-third and footage slot."""

    slides: list[str]
    lower_third: str | None = None
    footage: str | None = None


def _range(start: int, frames: int) -> TimeRange:
    return TimeRange(RationalTime(start, FPS), RationalTime(frames, FPS))


def _still(name: str, path: str, frames: int, metadata: dict[str, object]) -> otio.schema.Clip:
    """A clip of a still image held for `frames`."""
    reference = otio.schema.ExternalReference(target_url=path, available_range=_range(0, frames))
    return otio.schema.Clip(name=name, media_reference=reference, source_range=_range(0, frames), metadata={NAMESPACE: metadata})


def _place(track: otio.schema.Track, clip: otio.schema.Clip, start: int) -> None:
    """Append `clip` at frame `start` of `track`, with a gap before it if needed."""
    end = int(track.duration().value)
    if start > end:
        track.append(otio.schema.Gap(source_range=_range(0, start - end)))
    track.append(clip)


def build(rundown: Rundown, media: list[Media], folder: Path) -> otio.schema.Timeline:
    """The laid-out `rundown` as a timeline of the files in `folder`; refuses a slide or overlay that is missing."""
    episode = rundown.episode
    timeline = otio.schema.Timeline(
        name=f"《{strings.PROGRAMME}》{episode.id}",
        global_start_time=RationalTime(0, FPS),
        metadata={NAMESPACE: {"episode": episode.id, "air_date": episode.air_date.isoformat(), "fps": FPS}},
    )
    slides = otio.schema.Track(name=STATION["slides_track"], kind=otio.schema.TrackKind.Video)
    footage = otio.schema.Track(name=STATION["footage_track"], kind=otio.schema.TrackKind.Video)
    lowers = otio.schema.Track(name=STATION["lower_track"], kind=otio.schema.TrackKind.Video)
    number = 0
    for index, (item, files) in enumerate(zip(rundown.items, media, strict=True), 1):
        _present(folder, item, index, files)
        about = {"item": index, "segment": item.segment, "records": item.record_ids}
        for page, (path, frames) in enumerate(zip(files.slides, item.page_frames, strict=True), 1):
            number += 1
            suffix = STATION["page"].format(n=page, count=len(item.pages)) if len(item.pages) > 1 else ""
            clip = _still(f"{number:03d} {item.title}{suffix}", path, frames, about)
            # EDL reels are 8 ASCII characters: name each slide's reel, or the adapter cuts file names down
            clip.metadata["cmx_3600"] = {"reel": f"SLIDE{number:03d}"}
            if page == 1:
                clip.markers.append(_item_marker(item, index))
            slides.append(clip)
        if files.footage:
            _place(footage, _still(STATION["footage_slot"].format(title=item.title), files.footage, item.frames, about), item.start)
        if files.lower_third and item.lower:
            start, end = item.lower
            _place(lowers, _still(STATION["lower_clip"].format(title=item.title), files.lower_third, end - start, about), start)
        if item.name == item.segment != "opening":  # a segment's heading slide, or the tip-off close
            timeline.tracks.markers.append(otio.schema.Marker(
                name=item.title, marked_range=_range(item.start, 0), color=SEGMENT_MARKER,
                metadata={NAMESPACE: {"segment": item.segment}},
            ))
    timeline.tracks.extend([slides, footage, lowers])
    return timeline


def _item_marker(item: Item, index: int) -> otio.schema.Marker:
    """A marker on an item's first slide: its number and title, its records in the metadata."""
    metadata: dict[str, object] = {NAMESPACE: {"item": index, "records": item.record_ids}}
    if item.record_ids:
        metadata["fcp_xml"] = {"comment": " ".join(item.record_ids)}  # FCP7 XML shows the record ids as the marker's comment
    return otio.schema.Marker(name=f"{index:02d} {item.title}", marked_range=_range(0, 0), color=ITEM_MARKER, metadata=metadata)


def _present(folder: Path, item: Item, index: int, files: Media) -> None:
    """Refuse an item whose slides do not match its pages, or whose files were not written."""
    name = f"item {index} ({item.title})"
    if len(files.slides) != len(item.pages):
        raise OutputError(f"{name}: {len(item.pages)} slide(s) laid out but {len(files.slides)} drawn")
    for path in [*files.slides, files.lower_third, files.footage]:
        if path and not (folder / path).is_file():
            raise OutputError(f"{name}: {path} is missing from the pack")


def write(timeline: otio.schema.Timeline, folder: Path) -> None:
    """timeline.otio and the five interchange files, each as its editors expect it."""
    otio.adapters.write_to_file(timeline, str(folder / "timeline.otio"), adapter_name="otio_json")
    (folder / "timeline.xml").write_text(fcp7(timeline), encoding="utf-8")
    (folder / "timeline.fcpxml").write_text(fcpx(timeline), encoding="utf-8")
    (folder / "timeline.edl").write_text(edl(timeline), encoding="utf-8")
    (folder / "timeline.kdenlive").write_text(kdenlive(timeline), encoding="utf-8")
    (folder / "timeline.xges").write_text(xges(timeline), encoding="utf-8")


def fcp7(timeline: otio.schema.Timeline) -> str:
    """FCP7 XML for Premiere and Resolve."""
    shaped = timeline.deepcopy()
    for track in shaped.tracks:
        # FCP7 <track> carries no name unless one is given as adapter metadata (its reader takes it back)
        track.metadata["fcp_xml"] = {"name": track.name}
    root = et.fromstring(otio.adapters.write_to_string(shaped, adapter_name="fcp_xml"))
    for marker in root.iter("marker"):
        # the adapter puts the metadata's <comment> first; xmeml orders a marker name, comment, in, out
        order = {"name": 0, "comment": 1, "in": 2, "out": 3}
        children = sorted(marker, key=lambda child: order.get(child.tag, 4))
        marker[:] = children
    return _xml(root, "<!DOCTYPE xmeml>")


def _markers_on_slides(timeline: otio.schema.Timeline) -> otio.schema.Timeline:
    """A copy whose timeline markers sit on the slide under them: FCPXML and EDL keep markers on clips only."""
    shaped = timeline.deepcopy()
    slides = shaped.tracks[0]
    for marker in list(shaped.tracks.markers):
        clip = slides.child_at_time(marker.marked_range.start_time)
        offset = marker.marked_range.start_time - slides.range_of_child(clip).start_time
        clip.markers.insert(0, otio.schema.Marker(name=marker.name, marked_range=TimeRange(offset, marker.marked_range.duration),
                                                  color=marker.color, metadata=marker.metadata))
    shaped.tracks.markers.clear()
    return shaped


def fcpx(timeline: otio.schema.Timeline) -> str:
    """FCPXML for Final Cut Pro (its lanes carry no names: the clips' names say what each lane holds)."""
    shaped = _markers_on_slides(timeline)
    for clip in shaped.find_clips():
        # the adapter finds clips by name with an XPath that quotes the name in single quotes: a title
        # with an apostrophe breaks it, so it gets the typographic one
        clip.name = clip.name.replace("'", "\u2019")
    root = et.fromstring(otio.adapters.write_to_string(shaped, adapter_name="fcpx_xml").replace("<!DOCTYPE fcpxml>", ""))
    for format_ in root.iter("format"):
        # The adapter names the format by probing the media with ffprobe, from the working folder, where our
        # relative paths do not resolve: name it here (every slide and overlay is 1920x1080), so the file
        # never depends on where or whether ffprobe ran.
        format_.set("name", f"FFVideoFormat{HEIGHT}p{FPS}")
        format_.set("width", str(WIDTH))
        format_.set("height", str(HEIGHT))
    return _xml(root, "<!DOCTYPE fcpxml>")


def edl(timeline: otio.schema.Timeline) -> str:
    """A CMX 3600 EDL of the slides (V1): the format holds one video track, and ASCII only in its title."""
    slides = otio.schema.Timeline(name=f"SAFETY365 {timeline.metadata[NAMESPACE]['episode']}", global_start_time=timeline.global_start_time)
    slides.tracks.append(_markers_on_slides(timeline).tracks[0].deepcopy())
    for clip in slides.find_clips():
        # an EDL is read line by line: a title with a line break in it would start a line of its own
        clip.name = " ".join(clip.name.split())
        for marker in clip.markers:
            marker.name = " ".join(marker.name.split())
    return otio.adapters.write_to_string(slides, adapter_name="cmx_3600", rate=FPS)


def kdenlive(timeline: otio.schema.Timeline) -> str:
    """A Kdenlive project (MLT XML): what `melt` renders and Kdenlive opens."""
    from otio_kdenlive_adapter.adapters import kdenlive as adapter

    shaped = timeline.deepcopy()
    # Kdenlive keeps markers as timeline guides only: lift every item marker onto the timeline
    for clip in shaped.find_clips():
        for marker in list(clip.markers):
            start = clip.range_in_parent().start_time + marker.marked_range.start_time
            shaped.tracks.markers.append(otio.schema.Marker(name=marker.name, marked_range=TimeRange(start, marker.marked_range.duration),
                                                            color=marker.color, metadata=marker.metadata))
    adapter.marker_categories.clear()  # the adapter collects marker colours module-wide: start afresh so equal input gives equal bytes
    with contextlib.redirect_stdout(io.StringIO()):  # the deprecated adapter prints notices on stdout
        text = adapter.write_to_string(shaped)
    root = et.fromstring(text)
    frames = int(timeline.duration().value)
    # The adapter's background track is a colour producer of MLT's default length (15,000 frames): bound it to
    # the programme, or melt renders ten minutes of black after the last slide.
    black = root.find("producer[@id='black_track']")
    assert black is not None
    black.set("in", "0")
    black.set("out", str(frames - 1))
    _property(black, "length", str(frames))
    # Nor does it composite one video track over another: the topmost track alone would show (lower-thirds and
    # footage slots over black). Blend each upper track onto V1 (track 1; track 0 is the black background).
    tractor = root.find("tractor[@global_feed='1']")
    assert tractor is not None
    for track in range(2, len(tractor.findall("track"))):
        transition = et.SubElement(tractor, "transition", {"id": f"composite{track}", "in": "0", "out": str(frames - 1)})
        for key, value in (("a_track", "1"), ("b_track", str(track)), ("mlt_service", "composite"), ("always_active", "1")):
            _property(transition, key, value)
    return _xml(root)


def xges(timeline: otio.schema.Timeline) -> str:
    """A GStreamer Editing Services project (Pitivi, `ges-launch-1.0`)."""
    from otio_xges_adapter.xges import XgesTrack

    shaped = timeline.deepcopy()
    # The adapter's video track defaults to 30 fps: give GES the programme's 25 fps and frame size
    track = XgesTrack.new_from_otio_track_kind(otio.schema.TrackKind.Video)
    track.properties.set("restriction-caps", "string", f"video/x-raw, framerate=(fraction){FPS}/1, width=(int){WIDTH}, height=(int){HEIGHT}")
    shaped.tracks.metadata["XGES"] = {"tracks": [track]}
    for clip in shaped.find_clips():
        # GES asset ids must be absolute URIs. Rooted at file:/// they keep the pack-relative path: GES looks a
        # missing file up by name in the folders it is given (ges-launch-1.0 --ges-sample-path-recurse, or Pitivi's
        # "locate missing file"), so the project opens wherever the pack is unzipped.
        clip.media_reference.target_url = "file:///" + clip.media_reference.target_url
    return otio.adapters.write_to_string(shaped, adapter_name="xges")


def _property(element: et.Element, name: str, value: str) -> None:
    et.SubElement(element, "property", {"name": name}).text = value


def _xml(root: et.Element, doctype: str = "") -> str:
    et.indent(root)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (doctype + "\n" if doctype else "")
    return head + et.tostring(root, encoding="unicode") + "\n"
