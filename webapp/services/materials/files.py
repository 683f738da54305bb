"""What an uploaded file really is, decided by its content (never by its name), and pictures
made small and clean: re-encoded by Pillow to at most 1600 px and about 300 KB, with EXIF
(and so GPS) data left behind, turned upright first.

Accepted: pictures (JPEG, PNG, WebP), PDF, and audio (MP3, AAC, M4A/MP4, Ogg with Opus or
Vorbis, WebM as browsers record it). Anything else (an SVG, an HTML page, a program, renamed
or not) is refused with a message she can act on.
"""

import io
import re
import threading
import warnings
from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from webapp.models.materials import FileKind
from webapp.services import ServiceError

MAX_FILE = 15 * 1000 * 1000  # per file, audio included: a 15-minute story at 128 kbit/s
PICTURE_SIDE = 1600
PICTURE_TARGET = 300 * 1000
PICTURE_MAX_PIXELS = 50_000_000  # bigger than any phone camera; refuses decompression bombs

WRONG_TYPE = _l(
    "Dit soort bestand kan hier niet. Kies een foto (JPEG, PNG, WebP), een PDF of geluid "
    "(MP3, M4A, Ogg, WebM)."
)


@dataclass
class Checked:
    kind: FileKind
    content_type: str
    data: bytes
    extension: str
    width: int | None = None
    height: int | None = None


def human_size(size: int) -> str:
    """'1,2 MB', '300 kB' in the reader's language."""
    if size >= 1000 * 1000:
        return f"{format_decimal(round(size / 1_000_000, 1), '#,##0.#')} MB"
    return f"{format_decimal(max(1, round(size / 1000)), '#,##0')} kB"


def check_file(data: bytes) -> Checked:
    """The kind of file `data` is, or a ServiceError (field "file") saying why not."""
    if not data:
        raise ServiceError(_l("Dit bestand is leeg. Kies een ander bestand."), "file")
    if len(data) > MAX_FILE:
        raise ServiceError(
            _l(
                "Dit bestand is te groot (%(size)s). Het mag hoogstens %(max)s zijn.",
                size=human_size(len(data)),
                max=human_size(MAX_FILE),
            ),
            "file",
        )
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            raise ServiceError(_l("Deze PDF is kapot of niet compleet."), "file")
        return Checked(FileKind.PDF, "application/pdf", data, "pdf")
    audio = _audio_type(data)
    if audio:
        content_type, extension = audio
        return Checked(FileKind.AUDIO, content_type, data, extension)
    if _looks_like_picture(data):
        return _clean_picture(data)
    raise ServiceError(WRONG_TYPE, "file")


def _looks_like_picture(data: bytes) -> bool:
    return (
        data.startswith(b"\xff\xd8\xff")
        or data.startswith(b"\x89PNG\r\n\x1a\n")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
    )


_MP4_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"mp41", b"isom", b"iso2", b"iso5", b"iso6", b"dash"}


def _audio_type(data: bytes) -> tuple[str, str] | None:
    head = data[:64]
    if head.startswith(b"ID3") or _mpeg_frame(head):
        return "audio/mpeg", "mp3"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:  # ADTS sync, layer 0
        return "audio/aac", "aac"
    if head[4:8] == b"ftyp" and head[8:12] in _MP4_BRANDS:
        return "audio/mp4", "m4a"
    if head.startswith(b"OggS") and (b"OpusHead" in data[:128] or b"\x01vorbis" in data[:128]):
        return "audio/ogg", "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in data[:64]:
        return "audio/webm", "webm"
    return None


def _mpeg_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a version, and layer III, II or I."""
    return len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06 != 0


def _clean_picture(data: bytes) -> Checked:
    broken = ServiceError(_l("Deze foto is kapot of niet compleet. Kies een andere foto."), "file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise ServiceError(WRONG_TYPE, "file")
            if image.width * image.height > PICTURE_MAX_PIXELS:
                raise ServiceError(_l("Deze foto is te groot. Kies een kleinere foto."), "file")
            _load_whole(image)
            image = ImageOps.exif_transpose(image)  # upright, before the EXIF data goes
    except ServiceError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
    ):
        raise broken from None
    except Image.DecompressionBombError:
        raise ServiceError(_l("Deze foto is te groot. Kies een kleinere foto."), "file") from None
    image = _flatten(image)
    image.thumbnail((PICTURE_SIDE, PICTURE_SIDE), Image.Resampling.LANCZOS)
    encoded, (width, height) = _jpeg_within_target(image)
    return Checked(FileKind.PICTURE, "image/jpeg", encoded, "jpg", width=width, height=height)


# WeasyPrint (the cv's PDF) sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is
# imported; a picture she uploads must be whole, so it is loaded with the setting off.
_WHOLE_PICTURES = threading.Lock()


def _load_whole(image: Image.Image) -> None:
    with _WHOLE_PICTURES:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: a photo for every phone (JPEG), transparency filled in."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg_within_target(image: Image.Image) -> tuple[bytes, tuple[int, int]]:
    """Lower the quality, then the size, until the picture is about 300 KB. Nothing of the
    original's metadata is written: Pillow only writes EXIF when given it."""
    while True:
        for quality in (82, 72, 62):
            out = io.BytesIO()
            image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
            if out.tell() <= PICTURE_TARGET:
                return out.getvalue(), image.size
        if max(image.size) <= 640:
            return out.getvalue(), image.size
        image = image.resize(
            (int(image.width * 0.8), int(image.height * 0.8)), Image.Resampling.LANCZOS
        )


def download_name(title: str, extension: str) -> str:
    """A safe file name from the material's title: letters, digits and dashes."""
    stem = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")[:60] or "bestand"
    return f"{stem}.{extension}"
