"""Synthetic chapter contents for the bench: one year's title and strategies, for the year before this one."""

from django.utils import timezone

from liaison.core.synth import Synth

from .models import ReportYear


def generate(synth: Synth) -> None:
    year = timezone.localdate().year - 1
    if ReportYear._base_manager.filter(year=year).exists():
        return
    synth.bulk(ReportYear, [ReportYear(
        year=year, title_en="International cooperation and Mainland liaison", title_zh_hant="國際合作及內地聯繫",
        strategies_en="Fostering international cooperation\nBuilding a clean Belt and Road",
        strategies_zh_hant="促進國際合作\n建設廉潔「一帶一路」")])
