"""The 2019-26 funding period's rules as data: its four focus areas and LBF's fixed overall
goals with their nine fixed indicators and data sources (regulativ af 11. december 2019).
A later funding period is a new migration like this one, not new code."""

from django.db import migrations

REGISTER = "LBF - Boligsociale Data"
SURVEY = "Trygheds-survey VIVE/LBF"

RULES = [
    (
        "Uddannelse og livschancer",
        "Fagligt løft af børn og unge, så flere bliver skoleparate og flere tager en uddannelse",
        [
            ("Andel 1-5 årige i dagtilbud", REGISTER, "percent", "more"),
            (
                "Karaktergennemsnit i dansk og matematik for 9.-klasseselever",
                REGISTER,
                "other",
                "more",
            ),
            (
                "Andel 18-29-årige, der har grundskole som højest fuldførte uddannelse, og som "
                "ikke er i gang med en uddannelse",
                REGISTER,
                "percent",
                "less",
            ),
        ],
    ),
    (
        "Beskæftigelse",
        "Flere bliver tilknyttet arbejdsmarkedet",
        [
            (
                "Andel 15-29-årige, der hverken er i gang med en uddannelse eller er i "
                "beskæftigelse (restgruppen)",
                REGISTER,
                "percent",
                "less",
            ),
            (
                "Andel 18-64 årige, der er uden tilknytning til arbejdsmarked og uddannelse",
                REGISTER,
                "percent",
                "less",
            ),
        ],
    ),
    (
        "Kriminalitetsforebyggelse",
        "Børn og unge støttes i et liv uden kriminalitet, og områderne opleves trygge",
        [
            ("Andel 15-29-årige, der er sigtet mindst én gang", REGISTER, "percent", "less"),
            (
                "Andel beboere over 18 år, der føler sig grundlæggende trygge i boligområdet",
                SURVEY,
                "percent",
                "more",
            ),
        ],
    ),
    (
        "Sammenhængskraft og medborgerskab",
        "Flere er en del af fællesskabet og deltager aktivt i samfundet",
        [
            ("Andel beboere over 18 år, der laver frivilligt arbejde", SURVEY, "percent", "more"),
            (
                "Andel stemmeberettigede, der har stemt ved seneste kommunalvalg/folketingsvalg",
                REGISTER,
                "percent",
                "more",
            ),
        ],
    ),
]


def load(apps, schema_editor):
    FundingPeriod = apps.get_model("plans", "FundingPeriod")
    FocusArea = apps.get_model("plans", "FocusArea")
    LbfGoal = apps.get_model("plans", "LbfGoal")
    LbfIndicator = apps.get_model("plans", "LbfIndicator")
    period = FundingPeriod.objects.create(code="2019-26", name="Bevillingsperioden 2019-26")
    for order, (area_name, goal_text, indicators) in enumerate(RULES):
        area = FocusArea.objects.create(funding_period=period, name=area_name, order=order)
        goal = LbfGoal.objects.create(
            funding_period=period, focus_area=area, text=goal_text, order=order
        )
        for i, (text, source, unit, direction) in enumerate(indicators):
            LbfIndicator.objects.create(
                goal=goal, text=text, data_source=source, unit=unit, direction=direction, order=i
            )


def unload(apps, schema_editor):
    FundingPeriod = apps.get_model("plans", "FundingPeriod")
    LbfIndicator = apps.get_model("plans", "LbfIndicator")
    LbfGoal = apps.get_model("plans", "LbfGoal")
    FocusArea = apps.get_model("plans", "FocusArea")
    LbfIndicator.objects.filter(goal__funding_period__code="2019-26").delete()
    LbfGoal.objects.filter(funding_period__code="2019-26").delete()
    FocusArea.objects.filter(funding_period__code="2019-26").delete()
    FundingPeriod.objects.filter(code="2019-26").delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
