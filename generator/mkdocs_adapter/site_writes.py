"""A build writes only the files whose bytes changed, and removes what it did not write.

mkdocs empties the site folder, then writes every file anew (utils.clean_directory,
utils.write_file, File.copy_file): about 1,050 files and 540 folders removed and made
again each build, most of them the same bytes as before, and every page written
twice, since the stylesheets' trim (trim.py) renames a file each page links to. On
this machine's disk that was a third of a warm build's time.

Here, while the plugin's build runs (begin() to end()), mkdocs's clean only notes that
the folder must end clean; each file mkdocs writes is compared with the one already
there and written only if it differs; the HTML pages are held until the trim has
read and changed them (trim.trim_site), then written once (flush). Before the steps
run on the built site (after_build.py), sweep() removes every file and folder this
build did not write, keeping the hidden entries at the top as mkdocs's clean does:
the folder then holds what a clean build would, byte for byte, whatever the last
build left (a page gone, a file become a folder or the reverse). Outside a build of
the plugin (another site in the same process) mkdocs's own functions run unchanged.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from mkdocs import utils
from mkdocs.structure.files import File


class SiteWrites:
    """One build's writes into its site folder."""

    def __init__(self) -> None:
        self.site: str | None = None  # the site folder while a build runs
        self.clean = False  # mkdocs asked for a clean folder (not a --dirty build)
        self.written: set[str] = set()  # every file this build wrote or held
        self.held: dict[str, bytes] = {}  # HTML pages not yet written (flush)
        self._folders: set[str] = set()  # folders known to exist

    def begin(self, site_dir: str) -> None:
        self.site, self.clean = os.path.abspath(site_dir), False
        # the file system's clock is a tick behind the system's: 50 ms before the
        # start, still long after any earlier build's last write
        self._began = time.time_ns() - 50_000_000
        self.written, self.held, self._folders = set(), {}, set()

    def end(self) -> None:
        """The build is over (or failed): mkdocs's functions act as their own again."""
        self.site, self.held = None, {}

    def owns(self, path: str) -> bool:
        return self.site is not None and path.startswith(self.site + os.sep)

    def write(self, path: str, content: bytes) -> None:
        """A file of the site, written only if its bytes changed; an HTML page is held
        until flush()."""
        self.written.add(path)
        if path.endswith(".html"):
            self.held[path] = content
        else:
            self._put(path, content)

    def held_texts(self) -> dict[Path, str]:
        """The held pages' text, as trim reads a page."""
        return {Path(path): content.decode("utf-8", errors="replace")
                for path, content in self.held.items()}

    def hold(self, path: Path, text: str) -> None:
        """A held page's new text (trim's)."""
        self.held[str(path)] = text.encode("utf-8")

    def flush(self) -> None:
        """Every held page written, if its bytes changed."""
        for path, content in self.held.items():
            self._put(path, content)
        self.held = {}

    def sweep(self) -> None:
        """Every file and folder of a clean build's site folder that this build did not
        write removed, the hidden entries at the top kept (as mkdocs's clean). A file
        written since the build began is this build's too: mkdocs writes sitemap.xml.gz
        itself, and a plugin may write into the folder."""
        if not self.clean or self.site is None or not os.path.isdir(self.site):
            return
        # a time after now is no write of this build's (a file unpacked with a date ahead)
        self._until = time.time_ns() + 50_000_000
        self._sweep(self.site, top=True)

    def _sweep(self, folder: str, top: bool = False) -> bool:
        """Whether anything is left in folder."""
        left = False
        with os.scandir(folder) as entries:
            for entry in entries:
                if top and entry.name.startswith("."):
                    left = True
                elif entry.is_dir(follow_symlinks=False):
                    made = self._this_builds(entry)
                    if self._sweep(entry.path) or made:  # made: an empty folder of this build's
                        left = True
                    else:
                        os.rmdir(entry.path)
                elif entry.path in self.written or self._this_builds(entry):
                    left = True
                else:
                    os.unlink(entry.path)
        return left

    def _this_builds(self, entry: os.DirEntry) -> bool:
        """Written since the build began (not through write())."""
        return self._began <= entry.stat(follow_symlinks=False).st_mtime_ns <= self._until

    def _put(self, path: str, content: bytes) -> None:
        try:
            with open(path, "rb") as old:
                if os.fstat(old.fileno()).st_size == len(content) and old.read() == content:
                    return
            # a new file, not the old one rewritten: a copy of the last site made with
            # hard links (rsync --link-dest, cp -al) keeps its bytes, as after mkdocs's clean
            os.unlink(path)
        except (FileNotFoundError, NotADirectoryError):
            self._make_folder(os.path.dirname(path))
        except IsADirectoryError:  # a folder the last build left, now a file
            if any(written.startswith(path + os.sep) for written in self.written):
                raise  # this build's own folder: mkdocs's error, as in a clean folder
            shutil.rmtree(path)
        with open(path, "wb") as new:
            new.write(content)

    def _make_folder(self, folder: str) -> None:
        if folder in self._folders:
            return
        try:
            os.makedirs(folder, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # a file the last build left where this build needs a folder
            part = self.site
            for name in os.path.relpath(folder, self.site).split(os.sep):
                part = os.path.join(part, name)
                if os.path.exists(part) and not os.path.isdir(part) and part not in self.written:
                    os.unlink(part)
            os.makedirs(folder, exist_ok=True)
        self._folders.add(folder)


WRITES = SiteWrites()


def written_only_changed() -> None:
    """mkdocs's (and ProperDocs's, whose mkdocs.* modules are its own) clean, write and
    copy go through WRITES while a build of the plugin runs. Once per process."""
    if hasattr(utils.write_file, "site_writes"):
        return
    clean_directory, write_file, copy_file = utils.clean_directory, utils.write_file, File.copy_file

    def clean(directory: str) -> None:
        if WRITES.site is not None and os.path.abspath(directory) == WRITES.site:
            WRITES.clean = True
        else:
            clean_directory(directory)

    def write(content: bytes, output_path: str) -> None:
        if WRITES.owns(output_path):
            WRITES.write(output_path, content)
        else:
            write_file(content, output_path)

    def copy(file: File, dirty: bool = False) -> None:
        path = file.abs_dest_path
        if not WRITES.owns(path) or (dirty and not file.is_modified()):
            return copy_file(file, dirty)
        content = file._content
        if content is None:
            if os.path.abspath(file.abs_src_path) == path:  # a plugin wrote it there
                WRITES.written.add(path)
                return
            content = Path(file.abs_src_path).read_bytes()
        WRITES.write(path, content.encode("utf-8") if isinstance(content, str) else content)

    write.site_writes = True
    utils.clean_directory, utils.write_file, File.copy_file = clean, write, copy
