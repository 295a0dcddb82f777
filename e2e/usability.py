"""Usability steps of the browser walk-through: what a person sees when something is refused or asked.

Called from walkthrough.py's main (after the search journey): an administrator disables and enables a
trainee, and is refused disabling their own account; a new trainee's password is refused beside its field,
then changed; wrong passwords warn before the wait grows and say whom to ask; a founding with a mistyped
login comes back as typed; a roster preview flags a login under another name and a name over 200
characters (cut, its length named), readable on a phone; the password form says how strong the new
password is as it is typed; the static lesson pages show "Sign in" and the module's quiz, and to a
trainee after an attempt where they stand with it; the Russian verification page names an unknown code;
a cadet reads the certifications page. Every step is checked and photographed (at 390 and 1280 px, after
the axe check). Leaves the browser signed out.
"""
import csv, json, os, sys, time, urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


def _walkthrough():
    """The walk-through's helpers from the module that runs them. Run as a script, walkthrough.py is
    __main__: importing it again as `walkthrough` would make a second copy, whose VIOLATIONS list no one
    reads, and the axe findings of these steps would be lost."""
    main = sys.modules.get("__main__")
    if main is not None and all(hasattr(main, name) for name in ("shot", "sign_in", "create_account", "VIOLATIONS")):
        return main
    import walkthrough
    return walkthrough


def say(text, **values):
    """A UI string with its {placeholders} filled, as the server fills them."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def account_row(driver, login):
    return driver.find_element(By.XPATH, f"//ul[@class='account-list']/li[code[text()='{login}']]")


def submit_and_wait(driver, wait, button):
    """Clicks a form's button and waits until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "main")
    button.click()
    wait.until(EC.staleness_of(old))
    return wait.until(EC.presence_of_element_located((By.TAG_NAME, "main")))


def message_before(driver, field_id):
    """The id of the element just before a form control: where its message must be."""
    return driver.execute_script(
        "const e = document.getElementById(arguments[0]).previousElementSibling; return e ? e.id : null", field_id)


def element_shots(driver, selector, name, shots):
    """Close-ups of one element at 390 and 1280 px, beside the whole-page shots: on a long lesson page the
    header or the quiz block is a sliver of the whole."""
    for width in (390, 1280):
        driver.set_window_size(width, 900)
        element = driver.find_element(By.CSS_SELECTOR, selector)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.screenshot(os.path.join(shots, f"{name}-{width}.png"))
    driver.set_window_size(1280, 900)
    driver.execute_script("window.scrollTo(0, 0)")


def usability_journey(driver, wait, base, data):
    w = _walkthrough()
    course = json.load(open(os.path.join(data, "build", "course.json")))
    en, ru = course["strings"]["en"], course["strings"]["ru"]
    w.sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    password = w.create_account(driver, wait, base, "temir.usenov", "Темир Усенов", "pre-service")
    disable_and_enable(driver, wait, base, w, en)
    founding_with_mistyped_login(driver, wait, base, w, en)
    roster_problems(driver, wait, base, data, w, en)
    driver.find_element(By.CSS_SELECTOR, ".app-nav form[action$='sign-out'] button").click()
    wait.until(EC.url_contains("/app/sign-in"))
    refused_then_changed_password(driver, wait, base, w, en, password)
    sign_in_warnings(driver, wait, base, w, en)
    static_site_signed_out(driver, wait, base, w, course, en)
    lesson_quiz_signed_in(driver, wait, base, w, course, en)
    russian_verification_and_cadet_certifications(driver, wait, base, w, en, ru)


def disable_and_enable(driver, wait, base, w, en):
    """1. The administrator disables a trainee (the page before restates who), sees it done, enables the
    account again; disabling their own account, the last active administrator's, is refused with a message."""
    driver.get(base + "app/admin/accounts")
    account_row(driver, "temir.usenov").find_element(By.CSS_SELECTOR, "a[href$='accounts/temir.usenov/disable']").click()
    wait.until(EC.url_contains("/app/admin/accounts/temir.usenov/disable"))
    main = driver.find_element(By.TAG_NAME, "main").text
    assert en["confirm_disable_title"] in main, "the confirmation has no title"
    assert say(en["confirm_disable_text"], name="Темир Усенов", login="temir.usenov") in main, f"the confirmation does not restate who: {main[:300]}"
    assert driver.find_elements(By.CSS_SELECTOR, "main a[href$='app/admin/accounts']"), "the confirmation has no way back"
    w.shot(driver, "confirm-disable")
    submit_and_wait(driver, wait, driver.find_element(By.CSS_SELECTOR, "main form[action$='accounts/temir.usenov/disable'] button[type=submit]"))
    notice = driver.find_element(By.CSS_SELECTOR, "main p.notice[role=status]").text
    assert say(en["account_disabled_notice"], name="Темир Усенов", login="temir.usenov") in notice, f"no word that it was disabled: {notice}"
    row = account_row(driver, "temir.usenov")
    assert en["disabled"] in row.text and row.find_elements(By.CSS_SELECTOR, "form[action$='accounts/temir.usenov/enable']"), \
        "the list does not show the account as disabled"
    w.shot(driver, "account-disabled")
    submit_and_wait(driver, wait, row.find_element(By.CSS_SELECTOR, "form[action$='accounts/temir.usenov/enable'] button"))
    notice = driver.find_element(By.CSS_SELECTOR, "main p.notice[role=status]").text
    assert say(en["account_enabled_notice"], name="Темир Усенов", login="temir.usenov") in notice, f"no word that it was enabled: {notice}"
    assert account_row(driver, "temir.usenov").find_elements(By.CSS_SELECTOR, "a[href$='accounts/temir.usenov/disable']"), "the account is not active again"
    w.shot(driver, "account-enabled")
    # The only administrator tries to disable their own account: asked first, then refused, nothing changed.
    account_row(driver, "admin").find_element(By.CSS_SELECTOR, "a[href$='accounts/admin/disable']").click()
    wait.until(EC.url_contains("/app/admin/accounts/admin/disable"))
    assert say(en["confirm_disable_text"], name="Administrator", login="admin") in driver.find_element(By.TAG_NAME, "main").text
    submit_and_wait(driver, wait, driver.find_element(By.CSS_SELECTOR, "main form[action$='accounts/admin/disable'] button[type=submit]"))
    alert = driver.find_element(By.CSS_SELECTOR, "main p.notice-error[role=alert]").text
    assert en["self_disable_refused"] in alert, f"disabling one's own account is not refused with a message: {alert}"
    assert not driver.find_elements(By.CSS_SELECTOR, "main p.notice[role=status]"), "a refusal also says it was done"
    assert account_row(driver, "admin").find_elements(By.CSS_SELECTOR, "a[href$='accounts/admin/disable']"), "the administrator's account changed"
    assert driver.find_elements(By.CSS_SELECTOR, ".app-nav form[action$='sign-out']"), "the administrator was signed out"
    w.shot(driver, "disable-self-refused")


def founding_with_mistyped_login(driver, wait, base, w, en):
    """4. A founding certification for a mistyped login comes back as typed, the message beside the login."""
    driver.get(base + "app/admin/certifications")
    w.fill(driver, {"login": "kanykey", "programme": "instructor"})
    driver.find_element(By.ID, "found-reason").send_keys("Founding instructor, decision of the Academy council")
    submit_and_wait(driver, wait, driver.find_element(By.CSS_SELECTOR, "form[action$='admin/certifications#founding'] button"))
    error = driver.find_element(By.ID, "found-login-error").text
    assert say(en["unknown_login"], login="kanykey") in error, f"no message beside the login: {error}"
    assert message_before(driver, "found-login") == "found-login-error", "the message is not beside the login field"
    field = driver.find_element(By.ID, "found-login")
    assert field.get_attribute("value") == "kanykey", "the typed login was lost"
    assert field.get_attribute("aria-invalid") == "true" and "found-login-error" in field.get_attribute("aria-describedby"), \
        "the login field is not tied to its message"
    assert driver.find_element(By.ID, "found-reason").get_attribute("value") == "Founding instructor, decision of the Academy council", "the reason was lost"
    assert not driver.find_elements(By.CSS_SELECTOR, "form input[name=confirm][value=yes]"), "a mistyped login was offered for confirmation"
    w.shot(driver, "founding-unknown-login")


def roster_problems(driver, wait, base, data, w, en):
    """5. A roster whose login belongs to someone of another name is flagged in the preview, and a name over
    200 characters is refused with its line number; nothing is confirmed."""
    long_name = " ".join(["Айгерим Сыдыкова кызы"] * 10)
    assert len(long_name) > 200
    roster = os.path.join(data, "usability-roster.csv")
    with open(roster, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "login"])
        writer.writerow(["Айгерим Асанова", "aigerim"])
        writer.writerow([long_name, ""])
        writer.writerow(["Эрмек Жумабаев", ""])
    driver.get(base + "app/admin/cohorts/cadets-2027")
    driver.find_element(By.ID, "roster-file").send_keys(roster)
    driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.data-table")))
    differs = driver.find_elements(By.CSS_SELECTOR, "tbody tr.row-name-differs")
    assert len(differs) == 1, f"{len(differs)} rows flagged for a login under another name"
    assert "aigerim" in differs[0].text and say(en["result_name_differs"], name="Айгерим Сыдыкова") in differs[0].text, \
        f"the flag does not name the account's holder: {differs[0].text}"
    rejected = driver.find_elements(By.CSS_SELECTOR, "tbody tr.row-rejected")
    assert len(rejected) == 1, f"{len(rejected)} rows rejected"
    cells = rejected[0].find_elements(By.TAG_NAME, "td")
    assert cells[0].text == "3", f"the long name is not refused on line 3: {cells[0].text}"
    assert en["roster_name_too_long"] in rejected[0].text, f"the refusal does not say why: {rejected[0].text[-200:]}"
    # The name over the limit: its first 60 characters, marked as cut, and its whole length.
    assert long_name[:60] + "\u2026" in rejected[0].text and long_name[:61] not in rejected[0].text, \
        f"the long name is not shown cut with a mark: {rejected[0].text}"
    assert say(en["roster_name_cut"], count=len(long_name)) in rejected[0].text, f"the long name's length is not named: {rejected[0].text}"
    # The counts are labels, so that "1" needs no plural.
    summary = driver.find_element(By.CSS_SELECTOR, "main p[role=status]").text
    assert summary == say(en["preview_summary"], create=1, enrol=1, duplicates=0, rejected=1), f"the summary: {summary}"
    assert summary.startswith("New accounts: 1 \u00b7 "), f"the summary is not given as labelled counts: {summary}"
    # On a phone every row is a card: each cell on a line of its own under its column's name, the result
    # on screen, nothing scrolled sideways.
    driver.set_window_size(390, 900)
    for row in driver.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cell = row.find_element(By.CSS_SELECTOR, f"td[data-label='{en['row_result']}']")
        box = driver.execute_script("""
            const r = arguments[0].getBoundingClientRect(), table = arguments[0].closest('.table-scroll');
            return {left: r.left, right: r.right, view: window.innerWidth, display: getComputedStyle(arguments[0]).display,
                    label: getComputedStyle(arguments[0], '::before').content, scrolls: table.scrollWidth > table.clientWidth};""", cell)
        assert box["display"] == "block" and box["left"] >= 0 and box["right"] <= box["view"] and not box["scrolls"], \
            f"at 390 px the result of a row is off-screen: {box}"
        assert en["row_result"] in box["label"], f"at 390 px the result is not labelled: {box['label']}"
    driver.set_window_size(1280, 900)
    w.shot(driver, "roster-preview-problems")


def refused_then_changed_password(driver, wait, base, w, en, one_time):
    """2. A new trainee's first password is refused, the message beside the field (their login, then a
    common password), then a good one is accepted and the next page says the password was changed."""
    driver.delete_all_cookies()
    driver.get(base + "app/sign-in")
    w.fill(driver, {"login": "temir.usenov", "password": one_time})
    w.submit(driver)
    wait.until(EC.url_contains("/app/password"))
    password_strength(driver, wait, w, en)
    for refused, key, name in (("temir.usenov", "password_personal", "password-refused-login"),
                               ("password1234", "password_common", "password-refused-common")):
        w.fill(driver, {"current_password": one_time, "new_password": refused, "repeat_password": refused})
        submit_and_wait(driver, wait, driver.find_element(By.CSS_SELECTOR, "form[action$='app/password'] button[type=submit]"))
        error = driver.find_element(By.ID, "new-error")
        assert error.text == en[key], f"{refused!r}: the message beside the new password is {error.text!r}"
        # As on every form: the message inline beside its field, one summary above the form.
        assert "field-error" in error.get_attribute("class") and not error.get_attribute("role"), "the field's message is a boxed alert"
        summary = driver.find_elements(By.CSS_SELECTOR, "main p.notice-error[role=alert]")
        assert len(summary) == 1 and summary[0].text == en["error_check_fields"], f"no summary above the form: {[e.text for e in summary]}"
        assert message_before(driver, "new") == "new-error", "the message is not beside the new password"
        field = driver.find_element(By.ID, "new")
        assert field.get_attribute("aria-invalid") == "true" and "new-error" in field.get_attribute("aria-describedby")
        assert not driver.find_elements(By.ID, "current-error") and not driver.find_elements(By.ID, "repeat-error"), "other fields were blamed"
        assert field.get_attribute("value") == "", "a refused password was sent back into the page"
        w.shot(driver, name)
    w.fill(driver, {"current_password": one_time, "new_password": "steppe lantern river", "repeat_password": "steppe lantern river"})
    driver.find_element(By.CSS_SELECTOR, "form[action$='app/password'] button[type=submit]").click()
    wait.until(EC.url_contains("/app/dashboard"))
    notice = driver.find_element(By.CSS_SELECTOR, "main p.notice[role=status]").text
    assert en["password_changed"] in notice, f"no word that the password was changed: {notice}"
    w.shot(driver, "password-changed")
    driver.find_element(By.CSS_SELECTOR, ".app-nav form[action$='sign-out'] button").click()
    wait.until(EC.url_contains("/app/sign-in"))


def password_strength(driver, wait, w, en):
    """2a. As the new password is typed, the line under it says how strong it is, in a polite live region;
    the rules stay under it. A hint only: the server decides."""
    line = driver.find_element(By.ID, "new-strength")
    assert line.get_attribute("aria-live") == "polite", "the strength line is not a live region"
    assert line.text == "", f"the strength line speaks before anything is typed: {line.text!r}"
    assert driver.find_element(By.ID, "new-hint").text == en["password_hint"], "the rules under the field are gone"
    field = driver.find_element(By.ID, "new")
    for typed, level in (("steppe", "short"), ("temir.usenov1", "obvious"), ("Kyrgyzstan24", "acceptable"),
                         ("steppe lantern river", "strong")):
        field.clear()
        field.send_keys(typed)
        wait.until(lambda d: d.find_element(By.ID, "new-strength").text == en["password_strength_" + level],
                   f"{typed!r}: the strength line does not say {level}")
        assert message_before(driver, "new-strength") == "new", "the strength line is not under the new password"
        if level in ("short", "strong"):
            w.shot(driver, f"password-strength-{level}")
    field.clear()


def lesson_quiz_signed_in(driver, wait, base, w, course, en):
    """6a. A signed-in trainee who has had one go at a module's quiz sees, at the end of the module's last
    lesson, where they stand with it: as the dashboard's quiz list says it (status, best score, attempts left)."""
    w.sign_in(driver, wait, base, "temir.usenov", "steppe lantern river")
    driver.get(base + "app/quiz/legal-framework")
    driver.find_element(By.CSS_SELECTOR, "main form[action$='app/quiz/legal-framework'] button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form.attempt-form")))
    w.answer_attempt(driver, course, False)
    driver.find_element(By.CSS_SELECTOR, w.SUBMIT).click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .result")))
    driver.get(base + "app/dashboard")
    row = driver.find_element(By.XPATH, "//section[@id='quizzes']//li[a[contains(@href, 'app/quiz/legal-framework')]]")
    on_dashboard = row.find_element(By.CSS_SELECTOR, "span.meta").text
    bank = next(b for b in course["questionBanks"] if b["module"] == "legal-framework")
    allowed = bank["rules"]["attemptsAllowed"]
    assert on_dashboard.startswith(en["failed"]) and say(en["quiz_attempts_left"], left=allowed - 1, allowed=allowed) in on_dashboard, \
        f"the dashboard does not show one failed attempt: {on_dashboard}"
    last = next(m for m in course["modules"] if m["id"] == "legal-framework")["lessons"][-1]["id"]
    driver.get(base + f"en/legal-framework/{last}/index.html")
    standing = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "main section.quiz[data-quiz='legal-framework'] .quiz-standing")))
    assert standing.text == on_dashboard, f"the lesson's quiz block says {standing.text!r}, the dashboard {on_dashboard!r}"
    quiz = driver.find_element(By.CSS_SELECTOR, "main section.quiz")
    assert quiz.find_element(By.CSS_SELECTOR, "h2 + .quiz-standing"), "the standing is not under the quiz's heading"
    assert quiz.find_element(By.CSS_SELECTOR, "a.button").is_displayed(), "the way to the quiz is gone"
    w.shot(driver, "lesson-quiz-signed-in")
    element_shots(driver, "main section.quiz", "lesson-quiz-block-signed-in", w.SHOTS)
    driver.find_element(By.CSS_SELECTOR, "header.site-header .account-link")  # still the way home
    driver.get(base + "app/dashboard")
    driver.find_element(By.CSS_SELECTOR, ".app-nav form[action$='sign-out'] button").click()
    wait.until(EC.url_contains("/app/sign-in"))


def sign_in_warnings(driver, wait, base, w, en):
    """3. Wrong passwords for one login: the refusal warns while wrong passwords are still free, then says
    how long to wait and what the next one brings, and always whom to ask. The right password then works."""
    limits = {"free": 5, "first": 1}
    second = lambda n: say(en["duration_second"]) if n == 1 else say(en["duration_seconds"], count=n)
    driver.get(base + "app/sign-in")
    for attempt in range(1, limits["free"] + 1):
        w.fill(driver, {"login": "temir.usenov", "password": f"not my password {attempt}"})
        submit_and_wait(driver, wait, driver.find_element(By.CSS_SELECTOR, "main form.stacked-form button[type=submit]"))
        alert = driver.find_element(By.CSS_SELECTOR, "main p.notice-error[role=alert]").text
        assert en["wrong_credentials"] in alert and en["ask_for_reset"] in alert, f"attempt {attempt}: {alert}"
        assert driver.find_element(By.ID, "login").get_attribute("value") == "temir.usenov", "the login was lost"
        left = limits["free"] - attempt
        if 0 < left <= 2:
            warning = say(en["attempts_left"], count=left, wait=second(limits["first"]))
            assert warning in alert, f"attempt {attempt}: no warning before the wait: {alert}"
        else:
            # The warning's words up to its first placeholder.
            assert en["attempts_left"].split("{")[0] not in alert, f"attempt {attempt}: a warning out of turn: {alert}"
        if left == 1:
            w.shot(driver, "sign-in-warning")
    waiting = say(en["wait_after_wrong"], wait=second(1), next=second(2))
    assert waiting in alert, f"after {limits['free']} wrong passwords, no word of the wait: {alert}"
    w.shot(driver, "sign-in-wait")
    # The account is not locked: once the wait is over, the right password signs in.
    time.sleep(1.5)
    w.fill(driver, {"login": "temir.usenov", "password": "steppe lantern river"})
    driver.find_element(By.CSS_SELECTOR, "main form.stacked-form button[type=submit]").click()
    wait.until(EC.url_contains("/app/dashboard"))
    driver.find_element(By.CSS_SELECTOR, ".app-nav form[action$='sign-out'] button").click()
    wait.until(EC.url_contains("/app/sign-in"))


def static_site_signed_out(driver, wait, base, w, course, en):
    """6. Signed out, a lesson page's header offers "Sign in" (back to this page afterwards); the last lesson
    of a module ends with the module's quiz."""
    driver.delete_all_cookies()
    module = next(m for m in course["modules"] if m["id"] == "legal-framework")
    first, last = module["lessons"][0]["id"], module["lessons"][-1]["id"]
    path = f"en/legal-framework/{first}/index.html"
    driver.get(base + path)
    link = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "header.site-header .account-link")))
    assert link.text == en["sign_in"], f"the header link says {link.text!r}"
    href = link.get_attribute("href")
    assert "/app/sign-in?" in href and "next=" + urllib.parse.quote("/" + path, safe="") in href, f"the sign-in does not come back here: {href}"
    assert not driver.find_elements(By.CSS_SELECTOR, "main section.quiz"), "the quiz is offered before the module's last lesson"
    w.shot(driver, "lesson-signed-out")
    element_shots(driver, "header.site-header", "lesson-signed-out-header", w.SHOTS)
    driver.get(base + f"en/legal-framework/{last}/index.html")
    quiz = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "main section.quiz")))
    # Signed out, the block stays as it is: once the server has said so (the header's link is shown),
    # no standing has been added.
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "header.site-header .account-link")))
    assert not quiz.find_elements(By.CSS_SELECTOR, ".quiz-standing"), "a signed-out reader is shown a quiz standing"
    assert quiz.find_element(By.CSS_SELECTOR, "h2").text == en["quiz"], "the quiz block has no heading"
    start = quiz.find_element(By.CSS_SELECTOR, "a.button")
    assert start.is_displayed() and start.text == en["quiz_start"] and "app/quiz/legal-framework?lang=en" in start.get_attribute("href"), \
        "the quiz block does not start the module's quiz"
    bank = next(b for b in course["questionBanks"] if b["module"] == "legal-framework")
    assert f"{bank['rules']['passMark']}" in quiz.text, f"the quiz block does not say the pass mark: {quiz.text}"
    # It closes the lesson: after the text, its sources and the second "Mark as studied".
    assert driver.execute_script("""
        const quiz = arguments[0], text = document.querySelector('article.lesson .prose'), sources = document.querySelector('section.sources');
        return quiz.previousElementSibling.matches('.progress-slot')
            && !!(text.compareDocumentPosition(quiz) & Node.DOCUMENT_POSITION_FOLLOWING)
            && !!(sources.compareDocumentPosition(quiz) & Node.DOCUMENT_POSITION_FOLLOWING);
    """, quiz), "the quiz block does not follow the lesson's text"
    w.shot(driver, "lesson-quiz")
    element_shots(driver, "main section.quiz", "lesson-quiz-block", w.SHOTS)


def russian_verification_and_cadet_certifications(driver, wait, base, w, en, ru):
    """7. The Russian verification page for a code no certificate has; a cadet's certifications page."""
    code = "KG7QP-2M4XR-9TWZA-B3C5D"
    driver.get(base + f"verify/{code}?lang=ru")
    alert = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main [role=alert]"))).text
    assert '<html lang="ru"' in driver.page_source, "the verification page is not in Russian"
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == ru["verify_title"]
    assert say(ru["verify_not_found"], code=code) in alert, f"the unknown code is not named in Russian: {alert}"
    assert driver.find_element(By.ID, "verify-code").get_attribute("value") == code, "the typed code was lost"
    w.shot(driver, "ru-verify-unknown")
    w.sign_in(driver, wait, base, "aigerim", "cadet-chosen-pass")
    driver.get(base + "app/certifications")
    assert driver.find_element(By.CSS_SELECTOR, "main h1").text == en["certifications"]
    assert en["no_certifications_yet"] in driver.find_element(By.TAG_NAME, "main").text, "a cadet without certificates is not told so"
    assert driver.find_elements(By.CSS_SELECTOR, "main section.programme ul.checklist li"), "no checklist of what the cadet's programme requires"
    w.shot(driver, "cadet-certifications")
    driver.find_element(By.CSS_SELECTOR, ".app-nav form[action$='sign-out'] button").click()
    wait.until(EC.url_contains("/app/sign-in"))
    driver.delete_all_cookies()
