"""The instructors' workspace in Chromium: an instructor takes a cohort through the pre-test, attendance, the
post-test and the feedback, and opens and prints the programme report; an instructor of another cohort is
refused. Called from walkthrough.py after the certification journey has made inst2 and kanykei instructors, with the
walk-through module itself as `w`, so that screenshots and accessibility findings go where its own do."""
import csv
import io
import json
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

w = None

COHORT = "course-2027-1"
CADETS = [("Мээрим Асанова", "meerim.a"), ("Эрлан Жумабеков", "erlan.j"), ("Айпери Калыкова", "aiperi.k"),
          ("Бекзат Орозов", "bekzat.o"), ("Динара Садыкова", "dinara.s"), ("Тилек Усонов", "tilek.u")]


def phase(driver, wait, name, action):
    """Presses the open or close button of a phase in the cohort's workspace."""
    button = driver.find_element(By.XPATH, f"//form[input[@name='phase'][@value='{name}']][input[@name='action'][@value='{action}']]//button")
    button.click()
    wait.until(EC.staleness_of(button))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice")))


def take_test(driver, wait, base, course, right, screenshot=None):
    driver.get(base + f"app/cohorts/{COHORT}/test")
    if screenshot:
        w.shot(driver, screenshot + "-intro")
    driver.find_element(By.CSS_SELECTOR, f"main form[action$='app/cohorts/{COHORT}/test'] button").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form.attempt-form")))
    w.answer_attempt(driver, course, right)
    if screenshot:
        w.shot(driver, screenshot)
    driver.find_element(By.CSS_SELECTOR, w.SUBMIT).click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .result")))
    # A test is never reviewed: the same forms serve the other half of the cohort at the end.
    assert not driver.find_elements(By.CSS_SELECTOR, "ol.review li.review-item"), "a pre- or post-test shows its answers"


def teaching_journey(driver, wait, base, data, walkthrough):
    global w
    w = walkthrough
    course = json.load(open(os.path.join(data, "build", "course.json")))
    # The administrator creates a cohort taught by inst2 and enrols six cadets from a roster.
    w.sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    driver.get(base + "app/admin/cohorts")
    w.fill(driver, {"name": "Кадеты, курс 2027-1", "code": COHORT, "kind": "pre-service", "track": "pre-service"})
    driver.execute_script("document.getElementById('cohort-starts').value = '2027-01-10';"
                          "document.getElementById('cohort-ends').value = '2027-06-30';")
    driver.find_element(By.CSS_SELECTOR, "#cohort-instructors option[value='inst2']").click()
    w.submit(driver)
    wait.until(EC.url_contains(f"/app/admin/cohorts/{COHORT}"))
    roster = os.path.join(data, "course.csv")
    with open(roster, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "login"])
        writer.writerows(CADETS)
    driver.find_element(By.ID, "roster-file").send_keys(roster)
    driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button").click()
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "form[action$='import/confirm'] button"))).click()
    link = wait.until(EC.presence_of_element_located((By.ID, "passwords-download"))).get_attribute("href")
    status, text = w.fetch_text(driver, link)
    assert status == 200, f"passwords download: {status}"
    passwords = {row["login"]: row["one_time_password"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert set(passwords) == {login for _, login in CADETS}

    # The instructor's home lists the cohort; the workspace opens the pre-test.
    w.sign_in(driver, wait, base, "inst2", "inst2-chosen-pass")
    driver.get(base + "app/instructor")
    assert "Кадеты, курс 2027-1" in driver.page_source, "the instructor's home does not list the cohort"
    w.shot(driver, "instructor-home")
    driver.find_element(By.LINK_TEXT, "Кадеты, курс 2027-1").click()
    wait.until(EC.url_contains(f"/app/instructor/cohorts/{COHORT}"))
    assert "Not started (6)" in driver.page_source, "the workspace does not show who has not started"
    phase(driver, wait, "pre-test", "open")
    w.shot(driver, "instructor-cohort")

    # Every cadet signs in for the first time and takes the pre-test from the dashboard (wrong answers).
    for index, (name, login) in enumerate(CADETS):
        w.sign_in(driver, wait, base, login, passwords[login], f"{login}-chosen-pass")
        driver.get(base + "app/dashboard")
        assert f"app/cohorts/{COHORT}/test" in driver.page_source, "the dashboard does not offer the open pre-test"
        if index == 0:
            w.shot(driver, "dashboard-pre-test-open")
        take_test(driver, wait, base, course, right=False, screenshot="pre-test" if index == 0 else None)

    # The instructor records a session's attendance: one cadet absent, with a reason.
    w.sign_in(driver, wait, base, "inst2", "inst2-chosen-pass")
    driver.get(base + f"app/instructor/cohorts/{COHORT}/attendance")
    driver.execute_script("document.getElementById('attendance-day').value = '2027-01-11'")
    w.fill(driver, {"session": "legal-framework"})
    absent = CADETS[5][1]
    driver.find_element(By.ID, f"present-{absent}").click()
    driver.find_element(By.ID, f"reason-{absent}").send_keys("Болел")
    driver.find_element(By.CSS_SELECTOR, "main form.stacked-form button[type=submit]").click()
    notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice"))).text
    assert "5 present, 1 absent" in notice, f"attendance not recorded: {notice}"
    w.shot(driver, "attendance")

    # The post-test (right answers this time) and the feedback.
    driver.get(base + f"app/instructor/cohorts/{COHORT}")
    phase(driver, wait, "post-test", "open")
    phase(driver, wait, "feedback", "open")
    for index, (name, login) in enumerate(CADETS):
        w.sign_in(driver, wait, base, login, f"{login}-chosen-pass")
        take_test(driver, wait, base, course, right=True, screenshot="post-test" if index == 0 else None)
        driver.get(base + f"app/cohorts/{COHORT}/feedback")
        for item, rating in (("relevance", 5), ("clarity", 4), ("confidence", 3 + index % 3), ("instructors", 5)):
            driver.find_element(By.CSS_SELECTOR, f"input[name='{item}'][value='{rating}']").click()
        driver.find_element(By.ID, "text-most-useful").send_keys(["Разбор стенограмм", "Ролевые игры", "Карточки"][index % 3])
        if index == 0:
            w.shot(driver, "feedback-form")
        driver.find_element(By.CSS_SELECTOR, "main form.stacked-form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice")))
        assert "recorded anonymously" in driver.page_source, "no word that the feedback was recorded"

    # The programme report: figures, the learning gain, feedback shown (six answers), printable on A4.
    w.sign_in(driver, wait, base, "inst2", "inst2-chosen-pass")
    driver.get(base + f"app/instructor/cohorts/{COHORT}/report")
    figures = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.TAG_NAME, "td").text
               for row in driver.find_elements(By.CSS_SELECTOR, "table.report-figures tr")}
    assert figures.get("Enrolled") == "6" and figures.get("Trainees with both tests") == "6", f"report figures: {figures}"
    assert float(figures["Mean gain (points)"]) > 0, f"no gain from wrong to right answers: {figures}"
    assert figures.get("Attendance (share of marks present)") == "83%", f"attendance: {figures}"
    assert "Ролевые игры" in driver.page_source, "the feedback's free text is not shown with six answers"
    w.shot(driver, "programme-report")
    pages = w.print_pdf(driver, base + f"app/instructor/cohorts/{COHORT}/report", "programme-report.pdf")
    assert pages >= 1, "the report does not print"
    status, text = w.fetch_text(driver, base + f"app/instructor/cohorts/{COHORT}/report.csv")
    assert status == 200 and "Trainees with both tests,6" in text, f"report CSV: {status} {text[:200]}"

    # An instructor of another cohort (certified in the certification journey) is refused, page and report alike.
    w.sign_in(driver, wait, base, "kanykei", "kanykei-chosen-pass")
    for path in ("", "/report", "/attendance"):
        driver.get(base + f"app/instructor/cohorts/{COHORT}{path}")
        assert "You do not teach the cohort" in driver.page_source and "Мээрим" not in driver.page_source, f"kanykei reached {path or 'the cohort'}"
    w.shot(driver, "instructor-other-cohort")

    # The administrators' report for a period across cohorts.
    w.sign_in(driver, wait, base, "admin", "admin-chosen-pass")
    driver.get(base + "app/admin/report?since=2026-01-01&until=2027-12-31")
    assert "Programme report" in driver.page_source
    w.shot(driver, "period-report")
    driver.find_element(By.CSS_SELECTOR, "form[action$='sign-out'] button").click()
    wait.until(EC.url_contains("/app/sign-in"))
