from rich.cells import cell_len

from zoneplan_tui.tui.widgets.breadcrumb import SEPARATOR, fit_path

PATH = (
    "中共武清开发区工委2019年工作要点",
    "一、主动融入、积极作为,深度推进京津冀协同发展",
    "(二)发挥“通武廊”试验示范效应",
)


def test_whole_path_when_it_fits():
    assert fit_path(PATH, 200) == (False, list(PATH))


def test_title_goes_first_then_ancestors_shrink_then_go():
    cut, parts = fit_path(PATH, 80)
    assert cut and parts == list(PATH[1:])
    cut, parts = fit_path(PATH, 56)
    assert cut and parts[-1] == PATH[-1] and parts[0].startswith("一、") and parts[0].endswith("…")
    assert cell_len("…" + SEPARATOR + SEPARATOR.join(parts)) <= 56
    cut, parts = fit_path(PATH, 20)
    assert parts == [PATH[-1]]
