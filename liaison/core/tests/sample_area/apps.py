from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry


class SampleAreaConfig(LiaisonAppConfig):
    name = "liaison.core.tests.sample_area"
    label = "sample_area"
    verbose_name = "Sample area"
    url_prefix = "sample-visits"
    menu = (MenuEntry("Sample visits", "sample_area:index", "core.view_tag", order=250),)
    home = (HomeFigure("core.Tag", "sample_area:index", order=250, label="sample tags"),)
    reference_after = ("agreements",)
