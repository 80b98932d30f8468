"""Server-rendered SVG: parsed back as XML, shading what it was asked to, loading nothing from elsewhere."""

import datetime
import xml.etree.ElementTree as ET

from liaison.core.charts import bar_chart, line_chart, svg_response, world_map

SVG = "{http://www.w3.org/2000/svg}"


def test_world_map_shades_the_given_jurisdictions():
    root = ET.fromstring(world_map("In force", {"In force": {"KZ": "哈薩克斯坦", "ZA": "南非"}}))
    shaded = {g.get("class").split()[0] for g in root.iter(f"{SVG}g") if "series" in (g.get("class") or "").split()}
    assert shaded == {"kz", "za"}
    assert "http" not in ET.tostring(root, encoding="unicode").replace("http://www.w3.org", "").replace(
        "http://c2pa.org", "").replace("http://pygal.org", "").replace("http://github.com/Kozea/pygal", "")


def test_line_chart_has_a_point_per_day_spaced_by_time():
    days = [datetime.date(2020, 12, 31), datetime.date(2023, 12, 31), datetime.date(2024, 3, 31),
            datetime.date(2024, 6, 30)]
    root = ET.fromstring(line_chart("Members", days, {"Members": [122, 150, 170, 180]}))
    values = [node.text for node in root.iter(f"{SVG}desc") if node.get("class") == "value"]
    assert values == ["2020-12-31: 122", "2023-12-31: 150", "2024-03-31: 170", "2024-06-30: 180"]
    xs = [float(node.get("cx")) for node in root.iter(f"{SVG}circle") if "dot" in (node.get("class") or "")]
    # Three years between the first two points, one quarter between the next: no longer the same step.
    assert (xs[1] - xs[0]) > 8 * (xs[2] - xs[1])
    assert root.get("viewBox") and not list(root.iter(f"{SVG}script"))


def test_bar_chart_and_response_policy():
    response = svg_response(bar_chart("Signed", ["2023", "2024"], {"Agreements": [1, 7]}))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "script-src" not in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
