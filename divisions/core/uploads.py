"""Checks on uploaded files before anything reads them: size, type by content, zip safety."""

import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


@deconstructible
class RandomFolder:
    """upload_to for files that may belong to unpublished records: each file under a random
    folder, so no address can be guessed; pages link to views that check visibility."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        return f"{self.prefix}/{uuid.uuid4().hex}/{filename}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomFolder) and other.prefix == self.prefix


def file_response(file, name: str):
    """A stored file, served by a view that has already checked who may see it. `name` is
    the last part of the address the page linked to; any other name is a 404."""
    from django.http import FileResponse, Http404

    filename = PurePosixPath(file.name).name
    if name != filename:
        raise Http404
    return FileResponse(file.open("rb"), filename=filename)


def file_address(file) -> str:
    """The last part of a file's download address: its own name."""
    return PurePosixPath(file.name).name


# Extension -> what the first bytes must be. Office formats are zip containers.
DOCUMENT_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_UNCOMPRESSED = 500 * 1024 * 1024


def check_upload(file: File, *, limit_mb: int, suffixes: set[str], types: str) -> bytes:
    """An upload's size and name checked; returns its first 4 KiB to check its content by."""
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            _("The file is too large (at most %(limit)d MB).") % {"limit": limit_mb}
        )
    if PurePosixPath(file.name).suffix.lower() not in suffixes:
        raise ValidationError(
            _("This type of file is not accepted. Use one of: %(types)s.") % {"types": types}
        )
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    return head


def check_zip(file: File) -> None:
    """Refuse zip bombs, path traversal and links before a zip is opened for real."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The file is damaged or not what its name says.")) from error
    finally:
        file.seek(0)
    if len(members) > ZIP_MAX_MEMBERS:
        raise ValidationError(_("The archive holds too many files."))
    if sum(member.file_size for member in members) > ZIP_MAX_UNCOMPRESSED:
        raise ValidationError(_("The archive would be too large once unpacked."))
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        is_link = (member.external_attr >> 16) & 0o170000 == 0o120000
        if path.is_absolute() or ".." in path.parts or is_link:
            raise ValidationError(
                _("The archive contains an unsafe path: %(name)s") % {"name": member.filename}
            )


def validate_document(file: File) -> None:
    """A document attached to a page: allowed type, within the size limit, and really
    the type its name claims."""
    limit = settings.MAX_DOCUMENT_UPLOAD_MB * 1024 * 1024
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(limit)d MB).")
            % {"limit": settings.MAX_DOCUMENT_UPLOAD_MB}
        )
    suffix = PurePosixPath(file.name).suffix.lower()
    signature = DOCUMENT_SIGNATURES.get(suffix)
    if signature is None:
        allowed = ", ".join(sorted(DOCUMENT_SIGNATURES))
        raise ValidationError(
            _("This type of file is not accepted. Use one of: %(types)s.") % {"types": allowed}
        )
    file.seek(0)
    head = file.read(len(signature))
    file.seek(0)
    if head != signature:
        raise ValidationError(_("The file is damaged or not what its name says."))
    if signature == b"PK\x03\x04":
        check_zip(file)


IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_IMAGE_PIXELS = 40_000_000


def validate_image(file: File) -> None:
    """An image for a page: within the size limit, a real JPEG, PNG or WebP, not a
    decompression bomb."""
    from PIL import Image, UnidentifiedImageError

    limit = settings.MAX_IMAGE_UPLOAD_MB * 1024 * 1024
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(limit)d MB).")
            % {"limit": settings.MAX_IMAGE_UPLOAD_MB}
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(_("Use a JPEG, PNG or WebP image."))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The image has too many pixels."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("The file is not an image or is damaged.")) from error
    finally:
        file.seek(0)
