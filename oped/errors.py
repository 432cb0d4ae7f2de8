"""The small exception hierarchy: every problem a person can act on names a file and, where known, a line."""

from __future__ import annotations


class OpedError(Exception):
    """Base of every error this package raises on purpose."""


class SourceProblem(OpedError):
    """A problem with one input file, reported with its name, line and what to do."""

    def __init__(self, source: str, message: str, line: int | None = None, hint: str = "") -> None:
        self.source = source
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple:
        # Kept in the build cache like any result: a seed that cannot be read is not read again.
        return (self.__class__, (self.source, self.message, self.line, self.hint))

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DecodeProblem(SourceProblem):
    """The file's bytes are not text we can read (binary, unknown encoding, empty)."""


class LayoutProblem(SourceProblem):
    """The text is readable but an article cannot be reconstructed whole from it."""


class SourceProblems(OpedError):
    """Every problem found in one file; the file is skipped, the others still go on."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple:
        return (self.__class__, (self.problems,))


class LinkProblem(SourceProblem):
    """A link an editor wrote that leads nowhere (reported at the Markdown, not again in the HTML)."""


class PageProblem(SourceProblem):
    """An editors' page in docs/ that cannot be published as it is."""


class BuildError(OpedError):
    """The site cannot be written or built (a path outside the output, two pages on one path, MkDocs failed)."""
