"""The offline explorer: its data and files, and the page driven in a real (headless) Chromium.

The site is built once per module from the in-memory tables, for the headline indicators plus two
others, into a temporary folder. Browser tests skip with a printed reason where Chromium or its
driver is missing, and fail when ``COMPAREKIT_REQUIRE_CLIENTS=1``.
"""

from __future__ import annotations

import io
import json
import math
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from comparekit.compare import compare, coverage
from comparekit.pipeline import HEADLINE_INDICATORS, build_site
from comparekit.site import method_steps, render_site, value_label, xlsx_bytes
from comparekit.site.text import chart_title

from clients import require_client

INDICATORS = [*HEADLINE_INDICATORS, "community_life_circle", "sewage_treatment_rate"]


@pytest.fixture(scope="module")
def tables(statements, harmonized):
    return {"statements": statements, "harmonized": harmonized, "coverage": coverage(statements).reset_index()}


@pytest.fixture(scope="module")
def site(tables, tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site")
    build_site(tables, site_dir, indicator_ids=INDICATORS)
    return site_dir


def _payload(site_dir: Path) -> dict:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script id="ck-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def _frame(rows, columns):
    return pd.DataFrame([row["data"] for row in rows], columns=columns)


# --------------------------------------------------------------------------------------------
# Files and data (no browser)
# --------------------------------------------------------------------------------------------


def test_page_is_self_contained(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+stylesheet", html)
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert '<html lang="zh-Hans">' in html
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    expected = {"index.html"} | {f"downloads/{i}.{ext}" for i in INDICATORS for ext in ("xlsx", "parquet")}
    assert files == expected


def test_views_equal_compare(site, harmonized):
    payload = _payload(site)
    for basis in ("county", "prefecture"):
        view = payload["views"][f"urbanization_rate|2025|{basis}"]
        shown = _frame(view["rows"], payload["columns"]).drop(columns="quote")
        expected = compare("urbanization_rate", 2025, basis, harmonized=harmonized).drop(columns="quote")
        assert shown["place_id"].tolist() == expected["place_id"].tolist()
        assert shown["verdict"].tolist() == expected["verdict"].tolist()
        assert shown["value"].tolist() == pytest.approx(expected["value"].tolist(), nan_ok=True)
        assert shown["caveat_en"].tolist() == expected["caveat_en"].tolist()
    county = payload["views"]["urbanization_rate|2025|county"]
    assert [row["label"]["en"] for row in county["rows"]] == ["≈55", "≈50", "≈53", "Not stated", "≈50"]
    assert county["title"] == {"zh": "常住人口城镇化率（2025年）", "en": "Resident-population urbanization rate, 2025"}
    assert payload["texts"][county["subtitle"]["en"]].startswith("Targets and standards for 2025: stated by 4 of 5 plans, compared on a county basis")
    assert payload["texts"][county["source"]["en"]] == (
        "Sources: the plans of Jieshou (draft for comment); Lu'an (六政办秘〔2023〕55号); Chengwu (成政发〔2024〕3号); "
        "Linyi (临政办字〔2023〕96号); full citations under “Sources”."
    )
    assert county["national"]["value"] == 67.0



def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def test_every_column_of_sampled_views_equals_compare(site, harmonized):
    # the page's rows, every column but the quote (kept once per statement), for views across indicators, years and bases
    payload = _payload(site)
    keys = sorted(payload["views"])
    sample = keys[:: max(1, len(keys) // 12)] + ["childcare_slots_per_1000|2025|prefecture", "green_building_share|2025|estate"]
    for key in dict.fromkeys(k for k in sample if k in payload["views"]):
        indicator, year, basis = key.split("|")
        expected = compare(indicator, int(year), basis, harmonized=harmonized)
        rows = [row["data"] for row in payload["views"][key]["rows"]]
        assert len(rows) == len(expected), key
        for i, column in enumerate(payload["columns"]):
            if column == "quote":
                continue
            assert [r[i] for r in rows] == [_plain(v) for v in expected[column]], (key, column)


def test_years_offered_are_the_stated_years(site):
    payload = _payload(site)
    years = {ind["id"]: ind["years"] for ind in payload["indicators"]}
    assert years["urbanization_rate"] == [2022, 2025, 2035]
    assert 2027 in years["childcare_slots_per_1000"]
    assert payload["default"] == {"indicator": "urbanization_rate", "year": 2025, "basis": "county", "lang": "zh"}


def test_value_labels_carry_qualifier_and_year():
    row = {"value": 100.0, "qualifier": "exact", "year": 2027, "requested_year": 2025, "verdict": "caveat"}
    assert value_label(row, "en") == "100 (2027)" and value_label(row, "zh") == "100（2027年）"
    assert value_label({"value": 3.0, "value_high": 5.0, "qualifier": "range", "year": 2025, "requested_year": 2025}) == "3–5"
    assert value_label({"value": 4.5, "qualifier": "more_than", "year": 2025, "requested_year": 2025}) == ">4.5"
    assert value_label({"value": float("nan"), "qualifier": "qualitative", "year": 2025, "requested_year": 2025}) == "qualitative statement"
    assert value_label({"verdict": "not_stated"}, "zh") == "未提及"


def test_childcare_labels_from_the_documents(harmonized):
    table = compare("childcare_slots_per_1000", 2025, harmonized=harmonized).set_index("place_id")
    labels = [value_label(row, "en") for _, row in table.iterrows()]
    assert labels == ["≥10", "≥2.3", "4.8", "12.4 (2027)", "4"]  # Qiaocheng: derived from 1.9万 slots, a 2027 target
    green = compare("green_building_share", 2025, harmonized=harmonized)
    assert [value_label(row, "zh") for _, row in green.iterrows()] == ["未提及", "未提及", "100", "保持100（2027年）", "100"]


def test_method_steps_retrace_the_verdict(tables, harmonized, statements):
    from comparekit.sources import load_sources

    table = compare("urbanization_rate", 2025, harmonized=harmonized).set_index("place_id", drop=False)
    luan = table.loc["luan"]
    candidates = harmonized[(harmonized["place_id"] == "luan") & (harmonized["indicator_id"] == "urbanization_rate")]
    steps = method_steps(luan, basis="county", candidates=candidates, sources=load_sources(), place_names=("Lu'an", "六安"))
    english = [s[0] for s in steps]
    assert english[0].startswith(f"Lu'an states {candidates['statement_id'].nunique()} statement(s)")
    assert any(s.startswith("Chosen: luan_14fyp-002, a target for 2025, scope “县域”") for s in english)
    assert "The plan's words “50%左右” read as ≈50 %." in english
    assert english[-1] == f"Verdict: Comparable with caveat. {luan['caveat_en']}."
    qiaocheng = method_steps(table.loc["qiaocheng"], basis="county", candidates=candidates.iloc[:0], sources=load_sources(), place_names=("Qiaocheng", "谯城"))
    assert "never as zero" in qiaocheng[1][0] and "不作零值处理" in qiaocheng[1][1]


def test_downloads_equal_the_comparisons(site, harmonized):
    for indicator in ("urbanization_rate", "green_building_share"):
        expected = pd.concat(
            [compare(indicator, year, basis, harmonized=harmonized).assign(basis=basis) for year in sorted(harmonized.loc[harmonized["indicator_id"] == indicator, "year"].unique()) for basis in ("county", "prefecture")],
            ignore_index=True,
        )
        parquet = pd.read_parquet(site / "downloads" / f"{indicator}.parquet")
        excel = pd.read_excel(site / "downloads" / f"{indicator}.xlsx")
        assert list(parquet.columns[:5]) == ["place_id", "indicator_id", "year", "requested_year", "basis"]
        for frame in (parquet, excel):
            assert len(frame) == len(expected)
            assert frame["verdict"].tolist() == expected["verdict"].tolist()
            assert frame["quote"].fillna("").tolist() == expected["quote"].fillna("").tolist()
            assert frame["value"].astype(float).tolist() == pytest.approx(expected["value"].tolist(), nan_ok=True)


def test_xlsx_keeps_formula_text_as_text():
    from openpyxl import load_workbook

    frame = pd.DataFrame({"note": ['=HYPERLINK("http://example.org")', "普通文本"], "value": [1.5, None]})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["B3"].value is None and sheet.auto_filter.ref == "A1:B3"


def test_rebuild_is_byte_identical(tables):
    from comparekit.registry import load_indicators, load_national_references, load_places
    from comparekit.sources import load_sources

    args = dict(indicators=load_indicators(), places=load_places(), sources=load_sources(), national=load_national_references(), year=2025, indicator_ids=["green_building_share"])
    first, second = render_site(tables, **args), render_site(tables, **args)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


# --------------------------------------------------------------------------------------------
# In a real browser
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    paths = require_client("chromium", "chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = paths["chromium"]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1500"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=paths["chromedriver"]), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        driver.download_dir = downloads
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser, site):
    browser.get((site / "index.html").as_uri())
    browser.get_log("browser")  # start each test with an empty console
    return browser


def _texts(driver, selector):
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def _by_id(driver, element_id):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def test_loads_offline_without_console_errors(browser, site, tmp_path, harmonized):
    from comparekit.style import label
    browser.get((site / "index.html").as_uri())
    assert browser.execute_script("return navigator.onLine") is False
    assert _by_id(browser, "chart-title").text == "常住人口城镇化率（2025年）"
    assert _texts(browser, "#chart-svg .value-label") == ["≈55", "≈50", "≈53", "未提及", "≈50"]
    assert browser.find_element("css selector", "html").get_attribute("lang") == "zh-Hans"
    summary = _by_id(browser, "chart-summary").get_attribute("textContent")  # the chart's text alternative
    verdicts = compare("urbanization_rate", 2025, harmonized=harmonized)["verdict"].tolist()
    assert summary.startswith(f"常住人口城镇化率（2025年）。界首：≈55（{label('verdict.' + verdicts[0], 'zh')}）")
    assert "谯城：未提及（未提及）" in summary
    assert _texts(browser, "#chart-svg .draft-mark") == ["征求意见稿"]  # Jieshou's value comes from a draft
    problems = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []
    shot = tmp_path / "explorer.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_switching_indicator_and_language(page, site, harmonized):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    search = _by_id(page, "indicator-search")
    search.send_keys("托位")
    options = Select(_by_id(page, "indicator")).options
    assert [o.get_attribute("value") for o in options] == ["childcare_slots_per_1000"]
    Select(_by_id(page, "indicator")).select_by_value("childcare_slots_per_1000")
    table = compare("childcare_slots_per_1000", 2025, harmonized=harmonized)
    indicator = {"name_zh": "每千人口拥有3岁以下婴幼儿托位数"}
    assert _by_id(page, "chart-title").text == chart_title(indicator, 2025, "zh")
    assert _texts(page, "#chart-svg .value-label") == [value_label(row, "zh") for _, row in table.iterrows()]
    _by_id(page, "lang-en").send_keys(Keys.ENTER)
    assert _by_id(page, "chart-title").text == "Childcare slots for under-3s per 1000 people, 2025"
    assert _texts(page, "#chart-svg .value-label") == [value_label(row, "en") for _, row in table.iterrows()]
    assert page.find_element("css selector", "html").get_attribute("lang") == "en"
    search.clear()
    search.send_keys("green")
    Select(_by_id(page, "indicator")).select_by_value("green_building_share")
    assert _by_id(page, "chart-title").text.startswith("Green-building share")
    assert "lang=en" in page.current_url and "indicator=green_building_share" in page.current_url
    assert page.get_log("browser") == []


def test_selecting_a_mark_shows_its_quote(page, statements, harmonized):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    table = compare("urbanization_rate", 2025, harmonized=harmonized).set_index("place_id")
    quotes = statements.set_index("statement_id")
    marks = page.find_elements(By.CSS_SELECTOR, "#chart-svg .mark")
    assert all(m.get_attribute("tabindex") == "0" and m.get_attribute("aria-label") for m in marks)
    marks[0].send_keys(Keys.ENTER)  # keyboard: Jieshou, a draft
    jieshou = quotes.loc[table.loc["jieshou", "statement_ids"]]
    assert _by_id(page, "quote-text").text == jieshou["quote"]
    assert _by_id(page, "quote-text").get_attribute("lang") == "zh-Hans"
    assert page.find_element(By.CSS_SELECTOR, "#quote-text mark").text == jieshou["value_text"]
    assert _by_id(page, "quote-status").text == "征求意见稿"
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(page).move_to_element(marks[2]).perform()  # hover: Chengwu
    assert _by_id(page, "quote-text").text == quotes.loc[table.loc["chengwu", "statement_ids"], "quote"]
    marks[4].click()  # mouse: Linyi
    linyi = table.loc["linyi"]
    assert _by_id(page, "quote-text").text == quotes.loc[linyi["statement_ids"], "quote"] == linyi["quote"]
    assert _by_id(page, "quote-doc-number").text == "临政办字〔2023〕96号"
    assert _by_id(page, "quote-caveat").text == linyi["caveat_zh"]
    table_quote = page.find_element(By.CSS_SELECTOR, '#compare-table tr[data-place="linyi"] td.quote').get_attribute("textContent")
    assert table_quote == _by_id(page, "quote-text").text
    _by_id(page, "tab-table").send_keys(Keys.END)  # keyboard through the tabs to "method"
    assert _by_id(page, "panel-method").is_displayed()
    steps = _texts(page, "#method-steps li")
    assert steps[-1].startswith("判定：可比但需注意") and "linyi_county_2023" in steps[0]


def _wait_for(path: Path, timeout: float = 15.0) -> Path:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists() and path.stat().st_size > 0 and not path.with_name(path.name + ".crdownload").exists():
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path.name} was not downloaded")


def test_downloads_give_the_processed_tables(page, harmonized):
    from selenium.webdriver.support.ui import Select

    Select(_by_id(page, "basis")).select_by_value("prefecture")
    _by_id(page, "tab-download").click()
    expected = compare("urbanization_rate", 2025, "prefecture", harmonized=harmonized)
    _by_id(page, "download-csv").click()
    csv = pd.read_csv(_wait_for(page.download_dir / "urbanization_rate_2025_prefecture.csv"), encoding="utf-8-sig")
    written = pd.read_csv(io.StringIO(expected.to_csv(index=False)))
    pd.testing.assert_frame_equal(csv, written, check_dtype=False)
    for ext, read in (("xlsx", pd.read_excel), ("parquet", pd.read_parquet)):
        _by_id(page, f"download-{ext}").click()
        frame = read(_wait_for(page.download_dir / f"urbanization_rate.{ext}"))
        shown = frame[(frame["basis"] == "prefecture") & (frame["requested_year"] == 2025)].drop(columns="basis").reset_index(drop=True)
        assert shown["verdict"].tolist() == expected["verdict"].tolist()
        assert shown["quote"].fillna("").tolist() == expected["quote"].fillna("").tolist()
        assert shown["caveat_zh"].fillna("").tolist() == expected["caveat_zh"].fillna("").tolist()
    assert page.get_log("browser") == []


def test_tabs_sources_and_coverage(page, tables):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from comparekit.sources import load_sources

    tab = _by_id(page, "tab-table")
    tab.send_keys(Keys.ARROW_RIGHT)  # WAI-ARIA tabs: arrow keys move between tabs
    assert page.switch_to.active_element.get_attribute("id") == "tab-coverage"
    assert _by_id(page, "panel-coverage").is_displayed() and not _by_id(page, "panel-table").is_displayed()
    cov = tables["coverage"].set_index("indicator_id").drop(columns="theme")
    shared = cov[(cov > 0).sum(axis=1) >= 2]
    rows = page.find_elements(By.CSS_SELECTOR, "#coverage-table tbody tr")
    assert len(rows) == len(shared)
    urbanization = page.find_element(By.CSS_SELECTOR, '#coverage-table button[data-indicator="urbanization_rate"]')
    cells = urbanization.find_element(By.XPATH, "ancestor::tr").find_elements(By.CSS_SELECTOR, "td.stated, td.unstated")
    assert [c.text for c in cells] == [f"✓ {n}" if n else "—" for n in cov.loc["urbanization_rate"]]
    page.find_element(By.CSS_SELECTOR, '#coverage-table button[data-indicator="green_building_share"]').click()
    assert _by_id(page, "chart-title").text.startswith("绿色建筑占新建建筑比例")
    _by_id(page, "tab-coverage").send_keys(Keys.ARROW_RIGHT)
    registry = load_sources()
    hashes = [c.text for c in page.find_elements(By.CSS_SELECTOR, "#sources-table td.hash")]
    assert hashes == registry["sha256"].tolist()
    statuses = [c.text for c in page.find_elements(By.CSS_SELECTOR, "#sources-table tbody tr td:nth-of-type(5)")]
    assert statuses == ["征求意见稿" if s == "draft" else "正式印发" for s in registry["status"]]
    assert page.get_log("browser") == []
