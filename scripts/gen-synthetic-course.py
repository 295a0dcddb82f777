#!/usr/bin/env python3
"""Writes a synthetic course of MODULES x LESSONS lessons (about 5 KB of Markdown each) for benchmarks.

Usage: gen-synthetic-course.py OUT [--modules 50] [--lessons 20] [--locale Curriculum/locales/en.yaml]
Also writes OUT/hugo/, the same pages as a minimal Hugo site, so both tools build the same bytes.
"""
import argparse, os, random, shutil

WORDS = ("child interview evidence protocol invitation narrative disclosure memory record investigator "
         "protection referral court safety plan recording rapport transition prompt detail open question "
         "family school station district officer support legal aid psychologist teacher").split()

def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."

def paragraph(rng, lesson_ids):
    parts = []
    for i in range(rng.randint(4, 7)):
        s = sentence(rng, rng.randint(8, 16))
        if i == 1:
            s = s[:-1] + " with *emphasis* and **strong text**."
        if i == 2 and lesson_ids:
            s = s[:-1] + f" See [the related lesson](lesson:{rng.choice(lesson_ids)})."
        parts.append(s)
    return " ".join(parts)

def lesson_body(rng, lesson_ids):
    out = []
    for h in range(3):
        out.append(f"## Section {h + 1}: {sentence(rng, 3)[:-1]}\n")
        out.append(paragraph(rng, lesson_ids) + "\n")
        out.append("\n".join(f"- {sentence(rng, 6)}" for _ in range(4)) + "\n")
        out.append(paragraph(rng, lesson_ids) + "\n")
    out.append("```keypoints\n" + "\n".join(f"- {sentence(rng, 7)}" for _ in range(4)) + "\n```\n")
    return "\n".join(out)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--modules", type=int, default=50)
    ap.add_argument("--lessons", type=int, default=20)
    ap.add_argument("--locale", default="Curriculum/locales/en.yaml")
    a = ap.parse_args()
    rng = random.Random(42)
    shutil.rmtree(a.out, ignore_errors=True)
    cur = os.path.join(a.out, "Curriculum")
    os.makedirs(os.path.join(cur, "locales"))
    os.makedirs(os.path.join(a.out, "Assessments"))
    shutil.copy(a.locale, os.path.join(cur, "locales", "en.yaml"))
    public = os.path.join(os.path.dirname(os.path.abspath(a.locale)), "..", "..", "Public")
    shutil.copytree(public, os.path.join(a.out, "Public"))
    module_ids = [f"module-{m:03d}" for m in range(a.modules)]
    with open(os.path.join(cur, "curriculum.yaml"), "w") as f:
        f.write("title: Synthetic course\nlanguages: [en]\ndefault_language: en\ntracks:\n")
        f.write("  - id: all\n    title: All\n    summary: Every module.\n    modules: [" + ", ".join(module_ids) + "]\n")
    with open(os.path.join(cur, "glossary.md"), "w") as f:
        f.write("# Glossary\n\n" + "".join(f"## Term {i}\n\n{sentence(rng, 12)}\n\n" for i in range(60)))
    hugo = os.path.join(a.out, "hugo")
    os.makedirs(os.path.join(hugo, "layouts", "_default"))
    with open(os.path.join(hugo, "config.yaml"), "w") as f:
        f.write("baseURL: /\ntitle: Synthetic\ndisableKinds: [taxonomy, term, RSS, sitemap, robotsTXT, 404]\n"
                "markup:\n  highlight:\n    codeFences: false\n")
    for name in ("single.html", "list.html"):
        with open(os.path.join(hugo, "layouts", "_default", name), "w") as f:
            f.write("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>\n")
    total = 0
    for m, mid in enumerate(module_ids):
        folder = os.path.join(cur, "modules", f"{m + 1:02d}-{mid}")
        os.makedirs(folder)
        hfolder = os.path.join(hugo, "content", mid)
        os.makedirs(hfolder)
        lesson_ids = [f"{mid}-lesson-{l:02d}" for l in range(a.lessons)]
        # Every module's facilitator note links its session plan in the trainer pack, as the real course's must.
        with open(os.path.join(folder, "module.md"), "w") as f:
            f.write(f"---\nid: {mid}\ntitle: Module {m + 1}\nsummary: {sentence(rng, 12)}\nduration: 300\ntracks: [all]\n"
                    f"objectives:\n  - id: {mid}-1\n    text: {sentence(rng, 10)}\n---\n{paragraph(rng, lesson_ids)}\n\n"
                    f"```facilitator\nRun the session from the [session plan (for instructors)](trainer:plan-{mid}).\n```\n")
        os.makedirs(os.path.join(cur, "trainer"), exist_ok=True)
        with open(os.path.join(cur, "trainer", f"plan-{mid}.md"), "w") as f:
            f.write(f"---\nid: plan-{mid}\ntitle: Session plan, module {m + 1}\nkind: session-plan\n---\n{sentence(rng, 20)}\n")
        for l, lid in enumerate(lesson_ids):
            body = lesson_body(rng, lesson_ids)
            front = (f"---\nid: {lid}\ntitle: Lesson {l + 1} of module {m + 1}\nminutes: 15\nobjectives: [{mid}-1]\n"
                     f"sources:\n  - \"Synthetic source {l}.\"\n---\n")
            with open(os.path.join(folder, f"{l + 1:02d}-lesson.md"), "w") as f:
                f.write(front + body)
            with open(os.path.join(hfolder, f"{lid}.md"), "w") as f:
                f.write(front + body.replace("(lesson:", "(/" + mid + "/"))
            total += len(front) + len(body)
    print(f"{a.modules * a.lessons} lessons, {total / 1e6:.1f} MB of Markdown in {a.out}")

if __name__ == "__main__":
    main()
