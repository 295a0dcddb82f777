#!/usr/bin/env python3
"""End-to-end walk-through in a real browser (headless Chromium through Selenium).

Starts `academy serve` on a fresh data folder, then, as a newcomer would:
an administrator signs in with the printed one-time password, chooses a password, creates a trainee;
the trainee signs in, chooses a password, studies a lesson from the lesson page, and sees the dashboard.
Screenshots at 390 and 1280 px go to e2e/screenshots/. Exits non-zero on the first failure.

Usage: e2e/walkthrough.py [path/to/academy]   (default: .build/debug/academy)
Needs: Debian packages chromium and chromium-driver; PyPI packages selenium and axe-selenium-python.
Every screenshot is also checked with axe-core: no serious or critical violation.
"""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time, traceback, urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from usability import usability_journey
import teaching

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHOTS = os.path.join(ROOT, "e2e", "screenshots")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, data, port):
    log = open(os.path.join(data, "serve.log"), "w+")
    # The public URL is what certificates print for verification and encode in their QR code.
    process = subprocess.Popen([binary, "serve", "--data", data, "--port", str(port), "--bcrypt-cost", "10",
                                "--public-url", f"http://127.0.0.1:{port}/"],
                               cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise SystemExit("the server did not start: " + open(log.name).read())
    log.seek(0)
    match = re.search(r"'admin' with the one-time password (\w+)", log.read())
    if not match:
        raise SystemExit("no one-time password for admin was printed")
    return process, match.group(1)


def browser():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    # axe-core reads every node: on the printable manual of a busy two-core machine that can pass 30 s.
    driver.set_script_timeout(180)
    return driver


# Chromium draws no taller surface (2^14 px): beyond it a screenshot comes out blank.
MAX_SHOT_HEIGHT = 16384


def shot(driver, name):
    check_accessibility(driver, name)
    # axe scrolls to the nodes it checks: from the top, or a long page's screenshot starts halfway down.
    driver.execute_script("window.scrollTo(0, 0)")
    os.makedirs(SHOTS, exist_ok=True)
    for width in (390, 1280):
        driver.set_window_size(width, 900)
        # The whole page, at this width's height.
        height = driver.execute_script(
            "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
        driver.set_window_size(width, min(height, MAX_SHOT_HEIGHT))
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{width}.png"))
        overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{name} scrolls sideways at {width} px"
    driver.set_window_size(1280, 900)


VIOLATIONS = []


def print_pdf(driver, url, name):
    """Prints a page to A4 PDF as Chromium's print preview does, keeps it beside the screenshots, and
    returns its page count."""
    driver.get(url)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69})
    data = __import__("base64").b64decode(pdf["data"])
    os.makedirs(SHOTS, exist_ok=True)
    with open(os.path.join(SHOTS, name), "wb") as file:
        file.write(data)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def check_accessibility(driver, name):
    """axe-core on the current page: no serious or critical violation is allowed."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"][:3]]
            VIOLATIONS.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")


def fill(driver, fields):
    for name, value in fields.items():
        element = driver.find_element(By.NAME, name)
        if element.tag_name == "select":
            element.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
        else:
            element.clear()
            element.send_keys(value)


def submit(driver):
    driver.find_element(By.CSS_SELECTOR, "main form.stacked-form button[type=submit]").click()


def answer_attempt(driver, course, right):
    """Answers every question on an attempt page, rightly or wrongly, from the compiled course's key."""
    questions = {q["id"]: q for bank in course["questionBanks"] for q in bank["questions"]}
    kinds = set()
    for fieldset in driver.find_elements(By.CSS_SELECTOR, "fieldset.question"):
        name = fieldset.find_element(By.CSS_SELECTOR, "input, select").get_attribute("name")
        qid = name[2:].split(".")[0] if name.count(".") == 2 else name[2:]
        q = questions[qid]
        kind = q["kind"]
        kinds.add(kind)
        def click(value):
            fieldset.find_element(By.CSS_SELECTOR, f"input[value='{value}']").click()
        if kind in ("single", "multiple"):
            indices = [i for i, c in enumerate(q["choices"]) if c["correct"] == right]
            for i in (indices if kind == "multiple" else indices[:1]):
                click(i)
        elif kind == "true-false":
            click("true" if q["answer"] == right else "false")
        elif kind == "classification":
            types = ["invitation", "cued-invitation", "directive", "option-posing", "suggestive"]
            click(q["promptType"] if right else next(t for t in types if t != q["promptType"]))
        elif kind == "ordering":
            n = len(q["items"])
            for i in range(n):
                position = i + 1 if right else n - i
                fieldset.find_element(By.NAME, f"{name.rsplit('.', 1)[0] if name.count('.') == 2 else name}.{i}").find_element(
                    By.CSS_SELECTOR, f"option[value='{position}']").click()
        elif kind == "matching":
            n = len(q["pairs"])
            base = name.rsplit(".", 1)[0]
            for i in range(n):
                target = i if right else (i + 1) % n
                fieldset.find_element(By.NAME, f"{base}.{i}").find_element(By.CSS_SELECTOR, f"option[value='{target}']").click()
    return kinds


SUBMIT = "form.attempt-form button[type=submit]:not([name=confirm])"


def course_quizzes(course, track):
    """The modules of a track that have a quiz, in the track's order."""
    modules = next(t["modules"] for t in course["tracks"] if t["id"] == track)
    banks = {bank["module"] for bank in course["questionBanks"]}
    return [m for m in modules if m in banks]


def take_quiz(driver, wait, base, course, module, right, submit_empty_first=False):
    driver.get(base + f"app/quiz/{module}")
    driver.find_element(By.CSS_SELECTOR, f"main form[action$='app/quiz/{module}'] button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form.attempt-form")))
    if submit_empty_first:
        # Nothing answered: the form comes back asking to confirm, and no attempt is used up.
        driver.find_element(By.CSS_SELECTOR, SUBMIT).click()
        notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice-error"))).text
        assert "You answered 0 of" in notice, f"no confirmation for an empty submission: {notice}"
        assert driver.find_elements(By.CSS_SELECTOR, "button[name=confirm]"), "no way to confirm an incomplete submission"
        shot(driver, f"attempt-confirm-{module}")
    kinds = answer_attempt(driver, course, right)
    shot(driver, f"attempt-{module}")
    driver.find_element(By.CSS_SELECTOR, SUBMIT).click()
    result = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .result"))).get_attribute("class")
    expected = "result-passed" if right else "result-failed"
    assert expected in result, f"{module}: expected {expected}, got {result}"
    assert driver.find_elements(By.CSS_SELECTOR, "ol.review li.review-item"), f"{module}: no review shown"
    shot(driver, f"result-{module}")
    return kinds


def sign_in(driver, wait, base, login, password, new_password=None):
    driver.delete_all_cookies()
    driver.get(base + "app/sign-in")
    fill(driver, {"login": login, "password": password})
    submit(driver)
    if new_password:
        wait.until(EC.url_contains("/app/password"))
        fill(driver, {"current_password": password, "new_password": new_password, "repeat_password": new_password})
        submit(driver)
    wait.until(lambda d: "/app/sign-in" not in d.current_url and "/app/password" not in d.current_url)


def create_account(driver, wait, base, login, name, track):
    driver.get(base + "app/admin/accounts")
    fill(driver, {"login": login, "name": name, "role": "trainee", "track": track})
    submit(driver)
    notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice"))).text
    return re.search(login + r": (\w{16})", notice).group(1)


def record_assessment(driver, wait, base, candidate, link_text, top):
    driver.get(base + "app/assess")
    driver.find_element(By.PARTIAL_LINK_TEXT, link_text).click()
    wait.until(EC.presence_of_element_located((By.NAME, "candidate")))
    fill(driver, {"candidate": candidate, "place": "Academy, Bishkek"})
    driver.execute_script("document.getElementById('date').value = '2026-11-29'")
    for fieldset in driver.find_elements(By.CSS_SELECTOR, "fieldset.question"):
        radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
        radios[-1 if top else 0].click()
    driver.find_element(By.CSS_SELECTOR, "form.attempt-form > button[type=submit]").click()
    return wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .result"))).get_attribute("class")


def russian_journey(driver, wait, base, data):
    """A cadet who reads Russian: signs in from the Russian site, keeps Russian as the platform's language,
    studies a translated lesson, takes the module 05 quiz and reads its review and the drill in Russian."""
    sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    password = create_account(driver, wait, base, "bolot", "Болот Асанов", "pre-service")
    driver.delete_all_cookies()
    driver.get(base + "ru/index.html")
    link = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".account-link")))
    link.click()
    wait.until(EC.url_contains("/app/sign-in"))
    assert "<html lang=\"ru\"" in driver.page_source, "the sign-in page from the Russian site is not in Russian"
    shot(driver, "ru-sign-in")
    fill(driver, {"login": "bolot", "password": password})
    submit(driver)
    wait.until(EC.url_contains("/app/password"))
    # The first sign-in offers the platform's language, Russian already chosen.
    choice = driver.find_element(By.CSS_SELECTOR, "select#language option[selected]").get_attribute("value")
    assert choice == "ru", f"the first sign-in does not keep Russian: {choice}"
    shot(driver, "ru-first-sign-in")
    fill(driver, {"current_password": password, "new_password": "bolot-chosen-pass", "repeat_password": "bolot-chosen-pass"})
    driver.find_element(By.CSS_SELECTOR, "form[action$='app/password'] button[type=submit]").click()
    # Back on the Russian page the sign-in started from, now signed in.
    wait.until(EC.url_contains("/ru/index.html"))
    driver.get(base + "app/dashboard")
    words = json.load(open(os.path.join(data, "build", "course.json")))["strings"]["ru"]
    assert words["dashboard"] in driver.page_source and "Первоначальная подготовка" in driver.page_source, "the dashboard is not in Russian"
    shot(driver, "ru-dashboard")
    # A translated lesson, marked studied.
    driver.get(base + "ru/question-types/qt-five-prompt-types/index.html")
    button = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".progress-slot button")))
    assert "notice-machine" in driver.page_source, "an unreviewed translation does not say so"
    shot(driver, "ru-lesson")
    button.click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".progress-slot .status-done")))
    # The quiz and its review, in Russian; the answers are graded as in English.
    course = json.load(open(os.path.join(data, "build", "course.json")))
    russian = course["translations"]["ru"]["questions"]
    # Answered, then the language switched mid-attempt: the same questions in English, the answers kept.
    driver.get(base + "app/quiz/question-types")
    driver.find_element(By.CSS_SELECTOR, "main form[action$='app/quiz/question-types'] button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form.attempt-form")))
    answer_attempt(driver, course, True)
    def answers(d):
        return sorted((e.get_attribute("name"), e.get_attribute("value")) for e in d.find_elements(By.CSS_SELECTOR, "form.attempt-form input:checked")) + \
            sorted((e.get_attribute("name"), e.get_attribute("value")) for e in d.find_elements(By.CSS_SELECTOR, "form.attempt-form select"))
    before = answers(driver)
    driver.find_element(By.CSS_SELECTOR, ".languages button[value=en]").click()
    wait.until(lambda d: "<html lang=\"en\"" in d.page_source and d.find_elements(By.CSS_SELECTOR, "form.attempt-form"))
    assert answers(driver) == before, "switching the language mid-attempt lost answers"
    driver.find_element(By.CSS_SELECTOR, ".languages button[value=ru]").click()
    wait.until(lambda d: "<html lang=\"ru\"" in d.page_source and d.find_elements(By.CSS_SELECTOR, "form.attempt-form"))
    assert answers(driver) == before, "switching back lost answers"
    shot(driver, "ru-attempt")
    driver.find_element(By.CSS_SELECTOR, SUBMIT).click()
    result = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .result"))).get_attribute("class")
    assert "result-passed" in result, f"the Russian attempt answered by the key did not pass: {result}"
    review = driver.find_element(By.CSS_SELECTOR, "ol.review").text
    assert words["review_heading"] in driver.page_source, "the review has no Russian heading"
    translated = [q for q in russian.values() if (q.get("prompt") or q.get("utterance") or "")[:30] in review]
    assert translated, "the review does not show the Russian questions"
    shot(driver, "ru-quiz-review")
    # Another page keeps the language: the account's setting, not a query.
    driver.get(base + "app/drill")
    assert words["drill"] in driver.page_source, "the drill is not in Russian"
    shot(driver, "ru-drill")


def kyrgyz_journey(driver, wait, base, data):
    """A cadet who reads Kyrgyz: the same path as the Russian one, its words read from the built course."""
    course = json.load(open(os.path.join(data, "build", "course.json")))
    words = course["strings"]["ky"]
    sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    password = create_account(driver, wait, base, "aibek", "Айбек Токтосунов", "pre-service")
    driver.delete_all_cookies()
    driver.get(base + "ky/index.html")
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".account-link"))).click()
    wait.until(EC.url_contains("/app/sign-in"))
    assert "<html lang=\"ky\"" in driver.page_source, "the sign-in page from the Kyrgyz site is not in Kyrgyz"
    fill(driver, {"login": "aibek", "password": password})
    submit(driver)
    wait.until(EC.url_contains("/app/password"))
    assert driver.find_element(By.CSS_SELECTOR, "select#language option[selected]").get_attribute("value") == "ky"
    fill(driver, {"current_password": password, "new_password": "aibek-chosen-pass", "repeat_password": "aibek-chosen-pass"})
    driver.find_element(By.CSS_SELECTOR, "form[action$='app/password'] button[type=submit]").click()
    wait.until(EC.url_contains("/ky/index.html"))
    driver.get(base + "app/dashboard")
    assert words["dashboard"] in driver.page_source, "the dashboard is not in Kyrgyz"
    # An unreviewed Kyrgyz lesson says so, and links to the Russian text as its reference.
    driver.get(base + "ky/question-types/qt-five-prompt-types/index.html")
    button = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".progress-slot button")))
    assert "notice-machine" in driver.page_source and 'hreflang="ru"' in driver.page_source, "no reference to the Russian text"
    shot(driver, "ky-lesson")
    button.click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".progress-slot .status-done")))
    take_quiz(driver, wait, base, course, "question-types", True)
    review = driver.find_element(By.CSS_SELECTOR, "ol.review").text
    kyrgyz = course["translations"]["ky"]["questions"]
    assert words["review_heading"] in driver.page_source, "the review has no Kyrgyz heading"
    assert [q for q in kyrgyz.values() if (q.get("prompt") or q.get("utterance") or "")[:30] in review], "the review does not show the Kyrgyz questions"
    shot(driver, "ky-quiz-review")
    driver.get(base + "app/drill")
    assert words["drill"] in driver.page_source, "the drill is not in Kyrgyz"
    shot(driver, "ky-drill")


def certification_journey(driver, wait, base, data):
    """Two founded instructors make a specialist, then an instructor; the certificate verifies; a revocation is reviewed."""
    sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    passwords = {login: create_account(driver, wait, base, login, name, "instructor")
                 for login, name in (("inst1", "Нурлан Иманов"), ("inst2", "Гулмира Токтосунова"))}
    for login in passwords:
        driver.get(base + "app/admin/certifications")
        fill(driver, {"login": login, "programme": "instructor"})
        driver.find_element(By.ID, "found-reason").send_keys("Founding instructor, decision of the Academy council")
        driver.find_element(By.CSS_SELECTOR, "form[action$='admin/certifications#founding'] button").click()
        # The founding is restated (who, what, why) before it is written.
        confirm = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form input[name=confirm][value=yes]")))
        assert "Founding instructor" in driver.page_source, "the confirmation does not restate the reason"
        if login == "inst1":
            shot(driver, "confirm-founding")
        confirm.find_element(By.XPATH, "ancestor::form//button[@type='submit']").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.lineage")))
        assert "now holds" in driver.page_source, "no notice after founding a certification"
    shot(driver, "admin-certifications")
    # The candidate, a serving investigator, does the coursework of the in-service and instructor tracks
    # through the JSON API with her own session: every lesson studied, every quiz and the final exam passed.
    candidate_password = create_account(driver, wait, base, "kanykei", "Каныкей Бекова", "in-service")
    sign_in(driver, wait, base, "kanykei", candidate_password, "kanykei-chosen-pass")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    def api(method, path, payload=None, csrf=None):
        headers = {"Cookie": cookie, "Content-Type": "application/json"}
        if csrf:
            headers["X-CSRF-Token"] = csrf
        request = urllib.request.Request(base + path.lstrip("/"), method=method, headers=headers,
                                         data=json.dumps(payload).encode() if payload is not None else None)
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"null")
    csrf = api("GET", "/api/me")["csrf_token"]
    course = json.load(open(os.path.join(data, "build", "course.json")))
    questions = {q["id"]: q for bank in course["questionBanks"] for q in bank["questions"]}
    tracks = [t for t in course["tracks"] if t["id"] in ("in-service", "instructor")]
    modules = sorted({m for t in tracks for m in t["modules"]})
    for module in modules:
        for lesson in next(m for m in course["modules"] if m["id"] == module)["lessons"]:
            api("POST", "/api/progress", {"lesson": lesson["id"]}, csrf)
    for assessment in [f"quiz:{m}" for m in modules] + ["exam:" + t["exam"] for t in tracks if t.get("exam")]:
        attempt = api("POST", "/api/attempts", {"assessment": assessment}, csrf)
        answers = {}
        for shown in attempt["questions"]:
            q = questions[shown["id"]]
            kind = q["kind"]
            if kind == "single":
                answers[q["id"]] = {"choice": next(i for i, c in enumerate(q["choices"]) if c["correct"])}
            elif kind == "multiple":
                answers[q["id"]] = {"choices": [i for i, c in enumerate(q["choices"]) if c["correct"]]}
            elif kind == "true-false":
                answers[q["id"]] = {"truth": q["answer"]}
            elif kind == "ordering":
                answers[q["id"]] = {"order": list(range(len(q["items"])))}
            elif kind == "matching":
                answers[q["id"]] = {"matches": list(range(len(q["pairs"])))}
            else:
                answers[q["id"]] = {"prompt_type": q["promptType"]}
        result = api("POST", f"/api/attempts/{attempt['id']}/submission", {"answers": answers}, csrf)
        assert result["passed"], f"{assessment} was not passed with the right answers"
    sign_in(driver, wait, base, "inst1", passwords["inst1"], "inst1-chosen-pass")
    # A certified instructor opens the trainer pack and the model transcript, and prints a card set (eight
    # cards to an A4 page) and an observation form (one page).
    driver.get(base + "app/trainer")
    assert "Session plan: module 05" in driver.page_source and "Observation form" in driver.page_source, "the pack's index is incomplete"
    shot(driver, "trainer-pack")
    driver.get(base + "app/trainer/model-interview")
    assert "An annotated model interview" in driver.page_source, "the model transcript is not served to an instructor"
    shot(driver, "trainer-model-interview")
    # The same card set in Russian: the instructor's page in the language of the group.
    driver.get(base + "app/trainer/classification-cards?lang=ru")
    assert "Карточки для классификации" in driver.page_source and "notice-machine" in driver.page_source, "the card set is not in Russian"
    shot(driver, "ru-card-set")
    driver.get(base + "app/trainer?lang=en")
    pages = print_pdf(driver, base + "app/trainer/classification-cards", "classification-cards.pdf")
    assert pages >= 65 // 8, f"the 65 classification cards printed on {pages} pages"
    pages = print_pdf(driver, base + "app/trainer/observation-mock-interview", "observation-mock-interview.pdf")
    assert pages == 1, f"the mock-interview observation form printed on {pages} pages"
    assert "result-passed" in record_assessment(driver, wait, base, "kanykei", "Specialist child interviewer: Observed mock", True)
    shot(driver, "assessment-result")
    assert "result-failed" in record_assessment(driver, wait, base, "kanykei", "Specialist child interviewer: Observed mock", False)
    record_assessment(driver, wait, base, "kanykei", "Specialist child interviewer: Observed mock", True)
    assert "certification was issued" in driver.page_source, "no specialist certification after two passed mock interviews"
    record_assessment(driver, wait, base, "kanykei", "Certified instructor", True)
    sign_in(driver, wait, base, "inst2", passwords["inst2"], "inst2-chosen-pass")
    record_assessment(driver, wait, base, "kanykei", "Certified instructor", True)
    assert "certification was issued" in driver.page_source, "no instructor certification after two peers' teach-backs"
    # The holder opens the certificate; anyone can verify it.
    sign_in(driver, wait, base, "kanykei", "kanykei-chosen-pass")
    driver.get(base + "app/certifications")
    shot(driver, "certifications")
    driver.find_element(By.CSS_SELECTOR, "ul.certifications a").click()
    code = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".certificate dd code"))).text
    shot(driver, "certificate")
    # The language switcher keeps the page: the certificate in Russian, then back to English.
    driver.find_element(By.CSS_SELECTOR, ".languages button[value=ru]").click()
    wait.until(lambda d: "<html lang=\"ru\"" in d.page_source)
    assert "Сертификат" in driver.page_source and "Специалист по допросу детей" in driver.page_source, "the certificate is not in Russian"
    shot(driver, "ru-certificate")
    driver.find_element(By.CSS_SELECTOR, ".languages button[value=ky]").click()
    wait.until(lambda d: "<html lang=\"ky\"" in d.page_source)
    course = json.load(open(os.path.join(data, "build", "course.json")))
    title = course["translations"].get("ky", {}).get("programmes", {}).get("specialist-interviewer")
    assert course["strings"]["ky"]["certificate"] in driver.page_source and (title is None or title in driver.page_source), "the certificate is not in Kyrgyz"
    shot(driver, "ky-certificate")
    driver.find_element(By.CSS_SELECTOR, ".languages button[value=en]").click()
    wait.until(lambda d: "<html lang=\"en\"" in d.page_source)
    driver.delete_all_cookies()
    driver.get(base + f"verify/{code}")
    assert "Valid" in driver.page_source and "Каныкей Бекова" in driver.page_source, "the certificate does not verify"
    shot(driver, "verify")
    # Revoking inst1 puts the certifications inst1 assessed in the review queue.
    sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    driver.get(base + "app/admin/certifications")
    for item in driver.find_elements(By.CSS_SELECTOR, "ul.lineage li"):
        if "Нурлан Иманов" in item.text.split(":")[0]:
            item.find_element(By.NAME, "reason").send_keys("Left the service")
            item.find_element(By.CSS_SELECTOR, "button").click()
            break
    # The revocation is restated (who, what, why) and done only when confirmed.
    confirm = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form input[name=confirm][value=yes]")))
    assert "Left the service" in driver.page_source, "the confirmation does not restate the reason"
    confirm.find_element(By.XPATH, "ancestor::form//button[@type='submit']").click()
    # Waits for the page after the revocation. Polling an element while the page is replaced can fail
    # with a bare WebDriverException rather than a stale-element error (seen once in CI), so the wait
    # reads the new page and ignores such errors until it is there.
    def dependents_in_review(driver):
        queue = driver.find_elements(By.CSS_SELECTOR, "ul.review-queue")
        return queue[0] if queue and "Каныкей Бекова" in queue[0].text else False
    WebDriverWait(driver, 15, ignored_exceptions=[WebDriverException]).until(
        dependents_in_review, "the revocation did not put the dependent certifications in review")
    shot(driver, "review-queue")


FIRST_NAMES = ["Айгерим", "Бакыт", "Жылдыз", "Нурлан", "Гулмира", "Эрмек", "Асель", "Тимур", "Чолпон", "Азамат"]
LAST_NAMES = ["Токтогулова", "Осмонов", "Сейитбекова"]


def fetch_text(driver, url, form_selector=None):
    """Fetches a URL with the browser's own session, as the page would (a form posted with its fields)."""
    return driver.execute_async_script("""
        const [url, selector, done] = arguments;
        const options = {credentials: 'same-origin'};
        if (selector) {
            const form = document.querySelector(selector);
            options.method = 'POST';
            options.body = new URLSearchParams(new FormData(form));
        }
        fetch(url, options).then(r => r.text().then(t => done([r.status, t]))).catch(e => done([0, String(e)]));
    """, url, form_selector)


def cohort_journey(driver, wait, base, data):
    """An administrator creates a cohort, imports 30 cadets from a CSV with Cyrillic names (one bad row is
    rejected in the preview), watches the dashboard change as a cadet studies, and exports a CSV that
    Python's csv module reads back with the names intact."""
    import csv, io
    sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    driver.get(base + "app/admin/cohorts")
    # A mistake first: the last day before the first. The form comes back as typed, the message beside the field.
    fill(driver, {"name": "Кадеты, набор 2027", "code": "cadets-2027", "kind": "pre-service", "track": "pre-service"})
    driver.execute_script("document.getElementById('cohort-starts').value = '2026-09-01';"
                          "document.getElementById('cohort-ends').value = '2026-06-30';")
    submit(driver)
    error = wait.until(EC.presence_of_element_located((By.ID, "cohort-ends-error"))).text
    assert "last day is before the first" in error, f"no message beside the last day: {error}"
    assert driver.find_element(By.ID, "cohort-name").get_attribute("value") == "Кадеты, набор 2027", "the form lost the name"
    shot(driver, "cohort-form-error")
    driver.execute_script("document.getElementById('cohort-ends').value = '2027-06-30';")
    instructors = driver.find_elements(By.CSS_SELECTOR, "#cohort-instructors option[value='inst2']")
    if instructors:
        instructors[0].click()
    submit(driver)
    wait.until(EC.url_contains("/app/admin/cohorts/cadets-2027"))
    names = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
    roster = os.path.join(data, "cadets.csv")
    with open(roster, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "login"])
        for index, name in enumerate(names):
            writer.writerow([name, ""])
            if index == 11:
                writer.writerow(["Строка с ошибкой", "Not A Login!"])
    driver.find_element(By.ID, "roster-file").send_keys(roster)
    driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.data-table")))
    rejected = driver.find_elements(By.CSS_SELECTOR, "tr.row-rejected")
    assert len(rejected) == 1 and "Not A Login!".lower() in rejected[0].text.lower(), "the bad row is not rejected in the preview"
    assert len(driver.find_elements(By.CSS_SELECTOR, "tbody tr")) == 31
    shot(driver, "enrolment-preview")
    driver.find_element(By.CSS_SELECTOR, "form[action$='import/confirm'] button").click()
    link = wait.until(EC.presence_of_element_located((By.ID, "passwords-download"))).get_attribute("href")
    shot(driver, "enrolled")
    status, text = fetch_text(driver, link)
    assert status == 200, f"passwords download: {status}"
    passwords = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(passwords) == 30 and sorted(p["name"] for p in passwords) == sorted(names), "the password list does not hold the 30 cadets"
    assert fetch_text(driver, link)[0] == 404, "the password list can be downloaded twice"

    driver.get(base + "app/admin/cohorts/cadets-2027")
    before = driver.find_element(By.CSS_SELECTOR, "table.data-table tbody tr td").text
    shot(driver, "cohort-dashboard")
    cadet = passwords[0]
    sign_in(driver, wait, base, cadet["login"], cadet["one_time_password"], "cohort-cadet-pass")
    driver.get(base + "app/dashboard")
    driver.find_element(By.CSS_SELECTOR, ".next-lesson a").click()
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".progress-slot button"))).click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".progress-slot .status-done")))
    sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    driver.get(base + "app/admin/cohorts/cadets-2027")
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "table.data-table tbody tr") if cadet["name"] in r.text)
    after = row.find_element(By.CSS_SELECTOR, "td").text
    assert before.startswith("0/") and after.startswith("1/"), f"the dashboard did not change: {before!r} -> {after!r}"
    assert "cell-partial" in row.find_element(By.CSS_SELECTOR, "td").get_attribute("class")
    shot(driver, "cohort-dashboard-after")
    row.find_element(By.CSS_SELECTOR, "th a").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.data-table")))
    shot(driver, "trainee-record")

    driver.get(base + "app/admin/export?cohort=cadets-2027")
    shot(driver, "export")
    status, text = fetch_text(driver, base + "app/admin/export", "form[action$='admin/export']")
    assert status == 200, f"export: {status} {text[:200]}"
    path = os.path.join(SHOTS, "completions-cadets-2027.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    # The header is in the administrator's language (English here); programs use the JSON or xAPI keys.
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = {"Login": "login", "Name": "name", "Kind": "kind", "Lessons studied": "lessons_studied", "Status": "status"}
        rows = [{header.get(k, k): v for k, v in r.items()} for r in csv.DictReader(f)]
    exported = {r["name"] for r in rows}
    assert exported == set(names), f"the export does not hold the cohort's names: {sorted(exported)[:3]}"
    studied = [r for r in rows if r["login"] == cadet["login"] and r["kind"] == "module" and r["lessons_studied"] == "1"]
    assert studied and studied[0]["status"] == "in-progress", "the studied lesson is not in the export"


def search_journey(driver, wait, base, data):
    """A trainee mistypes a word in the search: results still come, the matched words are marked, and
    every snippet starts and ends on whole words of the lesson text, with "…" only where it was cut."""
    driver.get(base + "en/search/index.html?q=interviw")
    status = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#search-results > p"))).text
    assert driver.find_elements(By.CSS_SELECTOR, "#search-results li"), f"the search for 'interviw' found nothing: {status!r}"
    results = driver.execute_script("""
        return Array.from(document.querySelectorAll('#search-results li')).map(item => {
            const url = item.querySelector('a').getAttribute('href').replace(/^\\.\\.\\//, '');
            const snippet = item.querySelector('p.meta');
            return {text: window.ACADEMY_SEARCH.find(e => e.u === url).x, snippet: snippet ? snippet.textContent : null,
                    marks: Array.from(item.querySelectorAll('p.meta mark')).map(m => m.textContent)};
        });
    """)
    first = results[0]
    assert first["snippet"], "the first result for 'interviw' has no snippet"
    assert first["marks"] and all(m.lower().startswith("interview") for m in first["marks"]), f"marked: {first['marks']}"
    for result in results:
        shown, text = result["snippet"], result["text"]
        if shown is None:
            continue
        inner = shown[2:] if shown.startswith("… ") else shown
        inner = inner[:-2] if inner.endswith(" …") else inner
        at = text.find(inner)
        end = at + len(inner)
        assert at >= 0, f"the snippet is not a piece of the lesson text: {shown!r}"
        assert (at == 0) != shown.startswith("… "), f"'…' does not match the cut at the start: {shown!r}"
        assert (end == len(text)) != shown.endswith(" …"), f"'…' does not match the cut at the end: {shown!r}"
        assert at == 0 or text[at - 1].isspace(), f"a snippet starts mid-word: {text[max(0, at - 15):at]!r}|{inner[:20]!r}"
        assert end == len(text) or text[end].isspace(), f"a snippet ends mid-word: {inner[-20:]!r}|{text[end:end + 15]!r}"
    shot(driver, "search-typo")


def certificate_journey(driver, wait, base, data):
    """The holder's certificate carries the verification address's QR code and prints on one page; a
    mistyped code gets the site's page with a form, and the code typed in lower case without dashes verifies."""
    sign_in(driver, wait, base, "kanykei", "kanykei-chosen-pass")
    driver.get(base + "app/certifications")
    assert not driver.find_elements(By.XPATH, "//h2[following-sibling::*[1][self::h2]]"), "an empty section heading"
    driver.find_element(By.CSS_SELECTOR, "ul.certifications a").click()
    qr = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".certificate svg.qr-code")))
    code = driver.find_element(By.CSS_SELECTOR, ".certificate dd code").text
    address = base + "verify/" + code
    assert qr.get_attribute("role") == "img" and address in qr.get_attribute("aria-label"), "the QR code has no accessible name"
    assert len(qr.find_elements(By.CSS_SELECTOR, "path")) == 1, "the QR code is not one path"
    assert address in driver.find_element(By.CSS_SELECTOR, ".certificate").text, "the certificate does not print its address"
    size = qr.size
    assert size["width"] >= 100 and abs(size["width"] - size["height"]) < 1, f"the QR code is drawn {size}"
    pages = print_pdf(driver, driver.current_url, "certificate.pdf")
    assert pages == 1, f"the certificate printed on {pages} pages"
    driver.delete_all_cookies()
    driver.get(base + "verify/WRONG-CODE1-23456-789AB")
    alert = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main [role=alert]")))
    assert "WRONG-CODE1" in alert.text, "the unknown code is not named"
    assert driver.find_element(By.ID, "verify-code").get_attribute("value") == "WRONG-CODE1-23456-789AB", "the typed code was lost"
    shot(driver, "verify-unknown")
    field = driver.find_element(By.ID, "verify-code")
    field.clear()
    field.send_keys(code.replace("-", "").lower())
    driver.find_element(By.CSS_SELECTOR, "form.verify-form button[type=submit]").click()
    wait.until(EC.url_contains("/verify/" + code))
    assert "Каныкей Бекова" in driver.page_source and "Valid" in driver.page_source, "the typed code does not verify"
    driver.get(base + "verify/" + code.lower() + "?lang=ru")
    assert "Действителен" in driver.page_source and "Проверка сертификата" in driver.page_source, "the verification page is not in Russian"


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "academy")
    data = tempfile.mkdtemp(prefix="academy-e2e-")
    port = free_port()
    server, admin_password = start_server(binary, data, port)
    base = f"http://127.0.0.1:{port}/"
    driver = browser()
    wait = WebDriverWait(driver, 10)
    try:
        # The administrator signs in with the one-time password and must choose a new one.
        driver.get(base + "app/sign-in")
        shot(driver, "sign-in")
        fill(driver, {"login": "admin", "password": admin_password})
        submit(driver)
        wait.until(EC.url_contains("/app/password"))
        fill(driver, {"current_password": admin_password, "new_password": "admin-chosen-pass", "repeat_password": "admin-chosen-pass"})
        submit(driver)
        # Administrators land on their home, which says the password was changed.
        wait.until(EC.url_contains("/app/admin"))
        assert "password was changed" in driver.page_source, "no word that the password was changed"
        driver.find_element(By.CSS_SELECTOR, ".app-nav a[href$='app/admin/accounts']").click()
        wait.until(EC.url_contains("/app/admin/accounts"))
        # ... and creates a cadet.
        fill(driver, {"login": "aigerim", "name": "Айгерим Сыдыкова", "role": "trainee", "track": "pre-service"})
        submit(driver)
        notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice"))).text
        cadet_password = re.search(r"aigerim: (\w{16})", notice).group(1)
        shot(driver, "admin-accounts")
        # The administrators' home and the audit log, reached from the navigation on every page.
        driver.find_element(By.CSS_SELECTOR, ".app-nav a[href$='app/admin']").click()
        wait.until(EC.url_contains("/app/admin"))
        assert "chain is intact" in driver.page_source, "the administrators' home does not show the audit chain"
        shot(driver, "admin-home")
        driver.find_element(By.CSS_SELECTOR, ".app-nav a[href$='app/admin/audit']").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.audit-table")))
        assert "account.create" in driver.page_source, "the audit log does not list the account just created"
        shot(driver, "audit")
        # The trainer pack is open to administrators: the register of legal provisions to confirm.
        driver.get(base + "app/trainer/legal-provisions")
        assert "Legal provisions to confirm" in driver.page_source and "Art. 329" in driver.page_source, "the register is not served"
        shot(driver, "trainer-legal-provisions")
        driver.get(base + "app/admin/accounts")
        driver.find_element(By.CSS_SELECTOR, "form[action$='sign-out'] button").click()
        wait.until(EC.url_contains("/app/sign-in"))

        # The cadet follows a link to a quiz while signed out: the sign-in page says why, then the cadet
        # signs in, must choose a password first, and is taken back to the quiz.
        driver.get(base + "app/quiz/legal-framework")
        notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice"))).text
        assert "Sign in to open that page" in notice, f"the sign-in page does not say why: {notice}"
        shot(driver, "sign-in-required")
        fill(driver, {"login": "aigerim", "password": cadet_password})
        submit(driver)
        wait.until(EC.url_contains("/app/password"))
        fill(driver, {"current_password": cadet_password, "new_password": "cadet-chosen-pass", "repeat_password": "cadet-chosen-pass"})
        submit(driver)
        wait.until(EC.url_contains("/app/quiz/legal-framework"))
        assert "password was changed" in driver.page_source, "no word that the password was changed"
        shot(driver, "back-to-quiz-after-first-sign-in")
        driver.get(base + "app/dashboard")
        assert "0 of" in driver.page_source or "0 из" in driver.page_source, "the dashboard does not show progress"
        assert driver.find_elements(By.CSS_SELECTOR, "#quizzes .quiz-list li"), "the dashboard does not list the quizzes"
        # The final examination says what is missing instead of starting.
        driver.get(base + "app/exam/pre-service-final")
        assert "Before you can start the examination" in driver.page_source, "the examination has no prerequisites"
        assert not driver.find_elements(By.CSS_SELECTOR, "main form[action$='app/exam/pre-service-final'] button"), "the examination can be started too early"
        shot(driver, "exam-prerequisites")
        # Signed out and back in, the cadet returns to the page that asked for it.
        driver.find_element(By.CSS_SELECTOR, ".app-nav form[action$='sign-out'] button").click()
        wait.until(EC.url_contains("/app/sign-in"))
        driver.get(base + "app/quiz/evidence")
        fill(driver, {"login": "aigerim", "password": "cadet-chosen-pass"})
        submit(driver)
        wait.until(EC.url_contains("/app/quiz/evidence"))
        # ... and is refused the trainer pack.
        driver.get(base + "app/trainer/legal-provisions")
        assert "This page is for another role" in driver.page_source and "Art. 329" not in driver.page_source, "a cadet reached the trainer pack"
        driver.get(base + "app/dashboard")
        # The next lesson link leads to the static lesson page, where the cadet marks it studied.
        driver.find_element(By.CSS_SELECTOR, ".next-lesson a").click()
        button = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".progress-slot button")))
        shot(driver, "lesson")
        button.click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".progress-slot .status-done")))
        driver.get(base + "app/dashboard")
        assert re.search(r"\b1 of \d+ lessons studied", driver.page_source), "the studied lesson is not on the dashboard"
        shot(driver, "dashboard")

        # The cadet passes some quizzes and fails others, then reviews them; every question kind is met.
        course = json.load(open(os.path.join(data, "build", "course.json")))
        kinds = set()
        for module, right in (("legal-framework", True), ("question-types", True), ("dynamics-of-abuse", False),
                              ("first-response", True), ("evidence", False), ("wellbeing-and-ethics", True),
                              ("trauma-informed-practice", False)):
            kinds |= take_quiz(driver, wait, base, course, module, right, submit_empty_first=module == "legal-framework")
        # Draws are random, and a cadet's seven quizzes miss the rare ordering items about one run in
        # fifteen. Then an in-service investigator, whose programme has ten quizzes, goes through them
        # until every kind has come up, and the cadet signs in again.
        every_kind = {"single", "multiple", "true-false", "ordering", "matching", "classification"}
        if not every_kind <= kinds:
            sign_in(driver, wait, base, "admin", "admin-chosen-pass")
            password = create_account(driver, wait, base, "bakyt", "Бакыт Осмонов", "in-service")
            sign_in(driver, wait, base, "bakyt", password, "investigator-pass")
            for module in course_quizzes(course, "in-service"):
                if every_kind <= kinds:
                    break
                kinds |= take_quiz(driver, wait, base, course, module, True)
            sign_in(driver, wait, base, "aigerim", "cadet-chosen-pass")
        missing = every_kind - kinds
        assert not missing, f"question kinds never drawn: {missing}"
        driver.get(base + "app/dashboard")
        assert "Objectives to work on" in driver.page_source, "the dashboard shows no weakest objectives"
        shot(driver, "dashboard-after-quizzes")

        # The static pages of every type, and the drill.
        for name, path in (("languages", ""), ("home", "en/index.html"), ("module", "en/legal-framework/index.html"),
                           ("glossary", "en/glossary/index.html"), ("search", "en/search/index.html?q=interpreter"),
                           ("manual", "en/manual/index.html"), ("lesson-ru", "ru/legal-framework/legal-reporting-and-deadlines/index.html"),
                           ("drill", "app/drill")):
            driver.get(base + path)
            if name == "search":
                # The index is read from search-index.js: a search finds lessons, with snippets.
                wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
                hits = driver.find_elements(By.CSS_SELECTOR, "#search-results li")
                assert any("interpreter" in hit.text.lower() for hit in hits), "the search for 'interpreter' found no lesson"
            shot(driver, name)
        certification_journey(driver, wait, base, data)
        cohort_journey(driver, wait, base, data)
        teaching.teaching_journey(driver, wait, base, data, sys.modules[__name__])
        certificate_journey(driver, wait, base, data)
        search_journey(driver, wait, base, data)
        usability_journey(driver, wait, base, data)
        russian_journey(driver, wait, base, data)
        kyrgyz_journey(driver, wait, base, data)
        assert not VIOLATIONS, "accessibility violations:\n" + "\n".join(VIOLATIONS)
        print("walkthrough: 1 passed, 0 failed")
    except Exception as error:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, "failure.png"))
        print(f"walkthrough failed at {driver.current_url}: {error!r}")
        traceback.print_exc()
        print("walkthrough: 0 passed, 1 failed")
        sys.exit(1)
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
