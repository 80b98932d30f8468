"""Synthetic agreements: a year is about 100 (renewals included), with their parties, follow-up actions and renewals.

Most are bilateral MoUs between our own organisation and a partner agency, signed over the last thirty years; the
status follows the dates (in force, expiring within the notice period, expired, renewed), as `liaison remind` would
leave it. Documents are not generated (they are files).
"""

import datetime

from liaison.core.choices import ActionStatus
from liaison.core.synth import Synth
from liaison.partners.choices import OrganisationKind as Kind
from liaison.partners.models import Organisation, Position

from .choices import AgreementKind, CooperationArea
from .choices import AgreementStatus as S
from .models import DEFAULT_NOTICE_DAYS, Agreement, AgreementParty, FollowUpAction, add_months

AGREEMENTS_PER_YEAR = 85  # with the renewals they bring, about 100 a year
PARTNER_KINDS = (Kind.ANTI_CORRUPTION_AGENCY, Kind.LAW_ENFORCEMENT, Kind.PROSECUTION, Kind.SUPERVISORY_COMMISSION,
                 Kind.TRAINING_ACADEMY, Kind.INTERNATIONAL_ORGANISATION)
KINDS = [(AgreementKind.MOU, 80), (AgreementKind.COOPERATION_AGREEMENT, 10), (AgreementKind.LETTER_OF_INTENT, 5),
         (AgreementKind.JOINT_DECLARATION, 3), (AgreementKind.OTHER, 2)]
TITLES = {AgreementKind.MOU: ("Memorandum of Understanding on {area} between the {a} and the {b}",
                              "{a}與{b}{area}合作諒解備忘錄"),
          AgreementKind.COOPERATION_AGREEMENT: ("Cooperation Agreement on {area} between the {a} and the {b}",
                                                "{a}與{b}{area}合作協議"),
          AgreementKind.LETTER_OF_INTENT: ("Letter of Intent on {area}: {a} and {b}", "{a}與{b}{area}合作意向書"),
          AgreementKind.JOINT_DECLARATION: ("Joint Declaration on {area} of the {a} and the {b}",
                                            "{a}與{b}{area}聯合聲明"),
          AgreementKind.OTHER: ("Arrangement on {area} between the {a} and the {b}", "{a}與{b}{area}安排")}
AREA_NAMES = {CooperationArea.INVESTIGATION: ("Investigation", "調查"), CooperationArea.TRAINING: ("Training", "培訓"),
              CooperationArea.PREVENTION: ("Corruption Prevention", "防貪"),
              CooperationArea.EDUCATION: ("Education", "教育"),
              CooperationArea.ASSET_RECOVERY: ("Asset Recovery", "追討資產"),
              CooperationArea.OTHER: ("Cooperation", "")}
OCCASIONS = [("ICAC Symposium", "廉政公署國際會議"), ("IAACA Annual Conference", "國際反貪局聯合會年會"),
             ("Official visit", "正式訪問"), ("", "")]
ACTIONS = [("Exchange of training programmes", "交流培訓課程"), ("Annual review meeting", "年度檢討會議"),
           ("Nominate liaison officers", "委任聯絡人員"), ("Joint workshop on asset recovery", "追討資產聯合工作坊"),
           ("Decide on renewal", "決定是否續期")]


def generate(synth: Synth) -> None:
    own = Organisation.objects.get(is_own=True)
    partners = list(Organisation.objects.filter(kind__in=PARTNER_KINDS, is_own=False).order_by("pk"))
    signatories = {}
    for organisation_id, contact_id, title_en in Position.objects.filter(end_date__isnull=True).order_by(
            "pk").values_list("organisation_id", "contact_id", "title_en"):
        signatories.setdefault(organisation_id, []).append((contact_id, title_en))
    officers = synth.officers()
    agreements, parties_of = [], {}
    for _n in range(synth.count(AGREEMENTS_PER_YEAR)):
        partner_list = [synth.skewed(partners)]
        if synth.rng.random() < 0.15:
            partner_list += synth.rng.sample(partners, synth.rng.randint(1, 2))
        agreement = _agreement(synth, own, partner_list[0], officers)
        agreements.append(agreement)
        parties_of[id(agreement)] = [own, *dict.fromkeys(partner_list)]
    renewals = [_renewal(synth, old) for old in agreements if old.status == S.RENEWED]
    synth.bulk(Agreement, agreements)
    for old, new in renewals:
        new.previous_version = old
        parties_of[id(new)] = parties_of[id(old)]
    synth.bulk(Agreement, [new for _old, new in renewals])
    everything = agreements + [new for _old, new in renewals]
    rows = []
    for agreement in everything:
        for organisation in parties_of[id(agreement)]:
            contact_id, title = (synth.rng.choice(signatories[organisation.pk])
                                 if organisation.pk in signatories and synth.rng.random() < 0.5 else (None, ""))
            rows.append(AgreementParty(agreement=agreement, organisation=organisation, signatory_id=contact_id,
                                       signatory_title_en=title))
    synth.bulk(AgreementParty, rows)
    synth.bulk(FollowUpAction, [action for agreement in everything for action in _actions(synth, agreement, officers)])


def _agreement(synth: Synth, own, partner, officers) -> Agreement:
    rng = synth.rng
    kind = rng.choices([k for k, _w in KINDS], [w for _k, w in KINDS])[0]
    areas = rng.sample(list(AREA_NAMES), rng.randint(1, 3))
    area_en, area_zh = AREA_NAMES[areas[0]]
    title_en, title_zh = TITLES[kind]
    occasion_en, occasion_zh = rng.choice(OCCASIONS)
    agreement = Agreement(
        kind=kind, areas=areas, responsible_officer=rng.choice(officers),
        title_en=title_en.format(area=area_en, a=own.name_en, b=partner.name_en),
        title_zh_hant=title_zh.format(area=area_zh, a=own.name_zh_hant, b=partner.name_zh_hant),
        occasion_en=occasion_en, occasion_zh_hant=occasion_zh,
        term_months=rng.choice([None, 36, 60, 60, 120]), auto_renew=rng.random() < 0.2,
    )
    if rng.random() < 0.1:
        agreement.status = rng.choice([S.DRAFT, S.NEGOTIATION, S.APPROVED])
        return agreement
    agreement.signed_date = synth.day(30)
    agreement.signing_place_en, agreement.signing_place_zh_hant = rng.choice(
        [("Hong Kong", "香港"), (partner.jurisdiction.name_en, partner.jurisdiction.name_zh_hant)]
        if partner.jurisdiction else [("Hong Kong", "香港")])
    if agreement.term_months:
        agreement.expiry_date = add_months(agreement.signed_date, agreement.term_months)
    agreement.status = _status(synth, agreement)
    if agreement.status == S.TERMINATED:
        agreement.terminated_on = min(synth.today, agreement.signed_date + datetime.timedelta(days=700))
        agreement.termination_reason_en = "Replaced by a multilateral arrangement."
    return agreement


def _status(synth: Synth, agreement: Agreement) -> str:
    """The status `liaison remind` would leave: expired past the expiry date, expiring within the notice period."""
    if synth.rng.random() < 0.03:
        return S.TERMINATED
    if agreement.expiry_date is None:
        return S.SIGNED
    if agreement.expiry_date <= synth.today:
        return S.RENEWED if synth.rng.random() < 0.4 else S.EXPIRED
    if agreement.expiry_date <= synth.today + datetime.timedelta(days=DEFAULT_NOTICE_DAYS):
        return S.EXPIRING
    return S.SIGNED


def _renewal(synth: Synth, old: Agreement) -> tuple[Agreement, Agreement]:
    """The new version of a renewed agreement, signed on the old one's expiry."""
    signed = old.expiry_date
    expiry = add_months(signed, old.term_months)
    status = S.SIGNED if expiry > synth.today + datetime.timedelta(days=DEFAULT_NOTICE_DAYS) else (
        S.EXPIRING if expiry > synth.today else S.EXPIRED)
    return old, Agreement(
        kind=old.kind, areas=old.areas, responsible_officer=old.responsible_officer, title_en=old.title_en,
        title_zh_hant=old.title_zh_hant, term_months=old.term_months, signed_date=signed, expiry_date=expiry,
        signing_place_en=old.signing_place_en, signing_place_zh_hant=old.signing_place_zh_hant, status=status,
    )


def _actions(synth: Synth, agreement: Agreement, officers) -> list[FollowUpAction]:
    """None to three follow-up actions, due around the signing; open when due later, mostly done before."""
    rng, actions = synth.rng, []
    start = agreement.signed_date or synth.today
    for _n in range(rng.choice([0, 1, 1, 2, 2, 3])):
        due = start + datetime.timedelta(days=rng.randint(30, 900))
        title_en, title_zh = rng.choice(ACTIONS)
        overdue_or_done = ActionStatus.OPEN if rng.random() < 0.1 else rng.choice(
            [ActionStatus.DONE, ActionStatus.DONE, ActionStatus.CANCELLED])
        actions.append(FollowUpAction(
            agreement=agreement, title_en=title_en, title_zh_hant=title_zh, owner=rng.choice(officers),
            due_date=due, status=ActionStatus.OPEN if due > synth.today else overdue_or_done,
        ))
    return actions
