"""The agreements register's part of the reference dataset: the seven MoUs the 2024 chapter names.

CHAPTER: the parties, the month of signature, the occasion (the 8th ICAC Symposium in May 2024; the Belt and
Road Summit in September 2024, where the Chief Executive witnessed the exchange ceremony of the Indonesian and
Maldivian MoUs), and the Belt and Road status of Kazakhstan, Saudi Arabia, South Africa, Indonesia and Maldives.
ASSUMED (the chapter gives only the month): the exact dates — 22 May 2024, the Symposium's first day, for the
five May MoUs, and 11 September 2024, the Summit's first day, for the two September MoUs — and the place
(Hong Kong), the areas of cooperation (read from "a framework for jointly combating and preventing corruption"
and, for the UNODC, "organise anti-corruption training"), and the ICAC's signatory (the Commissioner). The
chapter gives no term or expiry: none is recorded.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.partners.models import Contact, Organisation

from . import services
from .choices import AgreementKind, AgreementStatus, CooperationArea

ICAC = "Independent Commission Against Corruption"
COMMISSIONER = "Commissioner, ICAC"
CHIEF_EXECUTIVE = "Chief Executive, HKSAR"

SYMPOSIUM = ("8th ICAC Symposium", "廉政公署第八屆國際會議")
SUMMIT = ("Belt and Road Summit (MoU exchange ceremony)", "一帶一路高峰論壇（合作諒解備忘錄交換儀式）")
SYMPOSIUM_DAY = datetime.date(2024, 5, 22)  # ASSUMED: the chapter says May 2024
SUMMIT_DAY = datetime.date(2024, 9, 11)  # ASSUMED: the chapter says September 2024
ACA_AREAS = [CooperationArea.INVESTIGATION, CooperationArea.PREVENTION, CooperationArea.TRAINING]


@dataclass(frozen=True)
class AgreementFact:
    partner: str  # the partner's English name in the partner reference data
    partner_zh: str  # as the Chinese title names it
    signed: datetime.date
    occasion: tuple[str, str]
    areas: tuple[str, ...] = tuple(ACA_AREAS)
    witnessed_by_chief_executive: bool = False

    @property
    def title_en(self) -> str:
        return f"Memorandum of Understanding between the ICAC and the {self.partner}"

    @property
    def title_zh_hant(self) -> str:
        return f"廉政公署與{self.partner_zh}合作諒解備忘錄"


AGREEMENTS: tuple[AgreementFact, ...] = (
    AgreementFact("United Nations Office on Drugs and Crime", "聯合國毒品和犯罪問題辦公室", SYMPOSIUM_DAY, SYMPOSIUM,
                  (CooperationArea.TRAINING, CooperationArea.PREVENTION, CooperationArea.EDUCATION)),
    AgreementFact("Anti-Corruption Agency of the Republic of Kazakhstan", "哈薩克斯坦共和國反腐敗局", SYMPOSIUM_DAY,
                  SYMPOSIUM),
    AgreementFact("Financial Crimes Commission of Mauritius", "毛里求斯金融罪行委員會", SYMPOSIUM_DAY, SYMPOSIUM),
    AgreementFact("Oversight and Anti-Corruption Authority of Saudi Arabia", "沙特阿拉伯監察與反腐敗署",
                  SYMPOSIUM_DAY, SYMPOSIUM),
    AgreementFact("Special Investigating Unit of South Africa", "南非特別調查組", SYMPOSIUM_DAY, SYMPOSIUM),
    AgreementFact("Corruption Eradication Commission of Indonesia", "印度尼西亞肅貪委員會", SUMMIT_DAY, SUMMIT,
                  witnessed_by_chief_executive=True),
    AgreementFact("Anti-Corruption Commission of Maldives", "馬爾代夫反腐敗委員會", SUMMIT_DAY, SUMMIT,
                  witnessed_by_chief_executive=True),
)


def _organisations() -> dict[str, Organisation]:
    names = {ICAC, *(fact.partner for fact in AGREEMENTS)}
    found = {o.name_en: o for o in Organisation.objects.filter(name_en__in=names)}
    missing = sorted(names - set(found))
    if missing:
        raise ImproperlyConfigured(
            _("The organisations {names} are missing, so the agreements reference data cannot be loaded. "
              "Load the partner reference data first (“liaison demo” does).").format(names=", ".join(missing))
        )
    return found


def _contact(name: str):
    return Contact.objects.filter(name_en=name).first()


@transaction.atomic
def load(acting_user) -> int:
    """Creates the 2024 MoUs that are missing (a record already there is left as the users keep it)."""
    with change_context(ChangeSource.CLI):
        organisations = _organisations()
        existing = set(services.Agreement.objects.filter(
            title_en__in=[fact.title_en for fact in AGREEMENTS]).values_list("title_en", flat=True))
        commissioner, chief_executive = _contact(COMMISSIONER), _contact(CHIEF_EXECUTIVE)
        created = 0
        for fact in AGREEMENTS:
            if fact.title_en in existing:
                continue
            witness = {}
            if fact.witnessed_by_chief_executive:
                witness = {"witness_en": "the Chief Executive", "witness_zh_hant": "行政長官",
                           "witness_contact": chief_executive}
            agreement = services.create_agreement(acting_user, {
                "kind": AgreementKind.MOU,
                "status": AgreementStatus.SIGNED,
                "title_en": fact.title_en,
                "title_zh_hant": fact.title_zh_hant,
                "parties": [organisations[ICAC], organisations[fact.partner]],
                "areas": list(fact.areas),
                "signed_date": fact.signed,
                "signing_place_en": "Hong Kong",
                "signing_place_zh_hant": "香港",
                "occasion_en": fact.occasion[0],
                "occasion_zh_hant": fact.occasion[1],
                **witness,
            })
            ours = agreement.party_rows.get(organisation=organisations[ICAC])
            services.update_party(acting_user, ours, {
                "signatory": commissioner, "signatory_title_en": "Commissioner", "signatory_title_zh_hant": "廉政專員",
            })
            created += 1
        return created
