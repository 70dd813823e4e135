"""What the Python exporters (tools/sklearn, tools/onnx) share with ctml-import's command line:
which model names are usable in C++, and writing a header so that a failure leaves nothing behind.

The rules are ctml-import's (tools/ctml-import/src/import.cpp, valid_name), so that the three tools
accept and refuse the same names. Each exporter puts this folder on sys.path itself:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python_common"))
"""

import os
import re
import tempfile

MAX_NAME_LENGTH = 64

# C++20 keywords [lex.key] and alternative tokens [lex.digraph]: none can name a type.
CXX_KEYWORDS = frozenset("""
    alignas alignof asm auto bool break case catch char char8_t char16_t char32_t class concept const
    consteval constexpr constinit const_cast continue co_await co_return co_yield decltype default
    delete do double dynamic_cast else enum explicit export extern false float for friend goto if
    inline int long mutable namespace new noexcept nullptr operator private protected public register
    reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch
    template this thread_local throw true try typedef typeid typename union unsigned using virtual void
    volatile wchar_t while
    and and_eq bitand bitor compl not not_eq or or_eq xor xor_eq
""".split())

# Not keywords, but a model type of that name would clash with a namespace the header uses (ctml,
# std) or read as the special identifiers of a class definition or a module (final, override,
# import, module). ctml-import refuses them too.
CLASHING_NAMES = frozenset(("ctml", "std", "final", "override", "import", "module"))

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def name_problem(name):
    """Why `name` cannot name the generated model in C++, or None when it can.

    ASCII identifier of at most 64 characters, not a C++20 keyword or alternative token, not
    reserved (a leading underscore with a capital letter, a lone underscore, a double underscore
    anywhere), and not one of CLASHING_NAMES."""
    if not name:
        return "it is empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"it is longer than {MAX_NAME_LENGTH} characters"
    if not _IDENTIFIER.match(name):
        return "a C++ identifier has only ASCII letters, digits and '_', and does not start with a digit"
    if name in CXX_KEYWORDS:
        return "it is a C++ keyword"
    if name == "_" or "__" in name or re.match(r"_[A-Z]", name):
        return "C++ reserves names with '__' or a leading '_' and capital letter"
    if name in CLASHING_NAMES:
        return "it clashes with a namespace or a special identifier the header uses"
    return None


def namespace_problem(namespace):
    """Why `namespace` (nested names joined by '::' allowed, as in C++17) is unusable, or None."""
    for part in namespace.split("::"):
        problem = name_problem(part)
        if problem is not None:
            return problem if part == namespace else f"'{part}': {problem}"
    return None


def write_atomically(path, text):
    """Writes `text` (UTF-8) to `path` through a temporary file in the same folder and a rename: the
    path then holds either its old content or the whole new text, never a part of it, and no
    temporary file is left behind. Raises OSError (the caller reports it)."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)  # mkstemp makes the file 0600; give it the mode open() would have
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def describe_os_error(path, error):
    """One line for a header that could not be written: the path the user gave and why."""
    return f"cannot write '{path}': {error.strerror or error}"
