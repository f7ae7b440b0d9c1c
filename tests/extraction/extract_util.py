"""What the extraction tests share: the text readers installed, the
shipped layouts, and the end of a run (its failures, its exit status)."""
import os
import shutil
import subprocess


def run(cmd):
    """A command's standard output as UTF-8 text; it must succeed."""
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          check=True).stdout.decode("utf-8")


def readers(root):
    """Each installed reader's plain text of a PDF, by name: poppler's three
    modes always (the caller skips without pdftotext), MuPDF, pdf.js,
    PDFium and Ghostscript when there."""
    out = {
        "pdftotext": lambda p: run(["pdftotext", "-enc", "UTF-8", p, "-"]),
        "pdftotext-raw": lambda p: run(["pdftotext", "-raw", "-enc", "UTF-8", p, "-"]),
        "pdftotext-layout": lambda p: run(["pdftotext", "-layout", "-enc", "UTF-8", p, "-"]),
    }
    if shutil.which("mutool"):
        out["mutool"] = lambda p: run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", p])
    js = os.path.join(root, "tests", "js")
    modules = os.path.join(js, "node_modules")
    if shutil.which("node") and os.path.isdir(os.path.join(modules, "pdfjs-dist")):
        out["pdf.js"] = lambda p: run(["node", os.path.join(js, "pdf-text.mjs"), p])
    if shutil.which("node") and os.path.isdir(os.path.join(modules, "@hyzyla", "pdfium")):
        out["pdfium"] = lambda p: run(["node", os.path.join(js, "pdfium-text.mjs"), p])
    if shutil.which("gs"):
        out["gs"] = lambda p: run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
                                   "-sDEVICE=txtwrite", "-sOutputFile=-", p])
    for name in ("mutool", "pdf.js", "pdfium", "gs"):
        if name not in out:
            print("skipped reader: %s (not installed)" % name)
    return out


def shipped_layouts(root):
    """The names of the layouts in the source tree's layouts/."""
    top = os.path.join(root, "layouts")
    return sorted(d for d in os.listdir(top)
                  if os.path.isfile(os.path.join(top, d, "layout.yaml")))


def finish(fails):
    """Prints each failure; the exit status of the run."""
    for f in fails:
        print("FAIL " + f)
    return 1 if fails else 0
