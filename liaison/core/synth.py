"""Synthetic records at N× a year of the office's work, for the bench and the load test.

Each Liaison app may have a `synth.py` with `generate(synth: Synth)`; `liaison synth --scale N` runs them in
INSTALLED_APPS order, so an app's records may link to those of the apps before it (found in the database, not
passed along). Everything is drawn from a random generator seeded by the seed and the app, so the same seed gives
the same records, and adding an app does not change what the others draw. Dates are drawn relative to `today`.

Records are written by bulk inserts with their search text computed; no change-log rows are written (synthetic
records have no history), and services are not called (validation of each row would make 100× take hours).
"""

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models

from . import areas
from .search import index_text

BATCH = 2000

# Bilingual word banks the apps share: (English, Traditional Chinese).
FAMILY_NAMES = [
    ("Chan", "陳"), ("Wong", "黃"), ("Lee", "李"), ("Cheung", "張"), ("Lau", "劉"), ("Ho", "何"), ("Ng", "吳"),
    ("Leung", "梁"), ("Lam", "林"), ("Tang", "鄧"), ("Tsang", "曾"), ("Yip", "葉"), ("Kwok", "郭"), ("Lo", "盧"),
    ("Choi", "蔡"), ("Fung", "馮"), ("Ma", "馬"), ("Poon", "潘"), ("Yeung", "楊"), ("Chow", "周"), ("Liang", "梁"),
    ("Zhang", "張"), ("Wang", "王"), ("Li", "李"), ("Liu", "劉"), ("Chen", "陳"), ("Yang", "楊"), ("Zhao", "趙"),
    ("Huang", "黃"), ("Zhou", "周"), ("Wu", "吳"), ("Xu", "徐"), ("Sun", "孫"), ("Hu", "胡"), ("Zhu", "朱"),
    ("Gao", "高"), ("Lin", "林"), ("He", "何"), ("Guo", "郭"), ("Luo", "羅"), ("Ou", "歐陽"), ("Sima", "司馬"),
]
GIVEN_NAMES = [
    ("Tai-man", "大文"), ("Siu-ming", "小明"), ("Ka-yan", "嘉欣"), ("Wing-kei", "詠琪"), ("Chi-keung", "志強"),
    ("Mei-ling", "美玲"), ("Kwok-wai", "國偉"), ("Hoi-yan", "凱欣"), ("Chun-kit", "俊傑"), ("Yuk-lan", "玉蘭"),
    ("Wei", "偉"), ("Fang", "芳"), ("Jun", "軍"), ("Min", "敏"), ("Jing", "靜"), ("Lei", "磊"), ("Yan", "燕"),
    ("Hao", "浩"), ("Xin", "欣"), ("Tao", "濤"), ("Jian-guo", "建國"), ("Xiao-hong", "曉紅"), ("Zhi-yuan", "志遠"),
    ("Hai-yan", "海燕"), ("Wen-jie", "文傑"), ("Li-hua", "麗華"), ("Guo-qiang", "國強"), ("Shu-fen", "淑芬"),
]
OTHER_GIVEN = ["Ahmed", "Aida", "Alexander", "Amina", "Ana", "Anders", "Aziz", "Bakhyt", "Carlos", "Chiara",
               "Daniel", "Dina", "Elena", "Emmanuel", "Fatima", "François", "Grace", "Hans", "Ibrahim", "Ingrid",
               "Isabel", "James", "Joseph", "Julia", "Kamal", "Kateryna", "Laila", "Lucía", "Maria", "Mehmet",
               "Miguel", "Mohammed", "Nadia", "Nikolai", "Olga", "Omar", "Pedro", "Priya", "Rahul", "Rania",
               "Sara", "Siti", "Sophie", "Thabo", "Thomas", "Tuan", "Yuki", "Zainab", "Zarina", "Žofia"]
OTHER_FAMILY = ["Abdullah", "Adeyemi", "Alvarez", "Andersson", "Bakirov", "Banerjee", "Becker", "Bianchi",
                "Costa", "Dubois", "Dlamini", "Fernández", "Fischer", "García", "Haddad", "Hassan", "Ivanova",
                "Jensen", "Kaya", "Khan", "Kim", "Kowalski", "Kumar", "Lefèvre", "Martin", "Mendes", "Moreau",
                "Müller", "Nakamura", "Nguyen", "Novak", "Okafor", "Park", "Petrov", "Rahman", "Rossi", "Santos",
                "Schmidt", "Silva", "Suleimenov", "Tanaka", "Usmonov", "Van der Berg", "Yilmaz", "Zhou"]


@dataclass
class Synth:
    """What a generator needs: the scale, its own random generator, the day dates are drawn around, and bulk writes."""

    scale: float
    seed: int = 1
    today: datetime.date = field(default_factory=datetime.date.today)
    rng: random.Random = field(default_factory=random.Random)
    written: dict = field(default_factory=dict)

    def for_app(self, label: str) -> "Synth":
        """The same synth with a generator seeded by the seed and the app."""
        return Synth(self.scale, self.seed, self.today, random.Random(f"{self.seed}/{label}"), self.written)

    def count(self, per_year: float) -> int:
        """How many records at this scale, for `per_year` at 1× (at least one)."""
        return max(1, round(per_year * self.scale))

    def day(self, years_back: float, years_ahead: float = 0) -> datetime.date:
        """A day between `years_back` years before today and `years_ahead` years after."""
        span = int(365 * (years_back + years_ahead))
        return self.today - datetime.timedelta(days=int(365 * years_back)) + datetime.timedelta(
            days=self.rng.randint(0, max(span, 0)))

    def skewed(self, items: Sequence, exponent: float = 1.0):
        """One of `items`, the first ones far more often (a Zipf-like draw: a few big partners, many small)."""
        index = int(len(items) * self.rng.random() ** (1 + exponent))
        return items[min(index, len(items) - 1)]

    def person(self, chinese: bool) -> tuple[str, str]:
        """(English name, Chinese name) of a person; a Chinese name only for people of Chinese-speaking partners."""
        if chinese:
            (family_en, family_zh), (given_en, given_zh) = (self.rng.choice(FAMILY_NAMES),
                                                            self.rng.choice(GIVEN_NAMES))
            return f"{family_en.upper()} {given_en}", family_zh + given_zh
        return f"{self.rng.choice(OTHER_GIVEN)} {self.rng.choice(OTHER_FAMILY)}", ""

    def officers(self, count: int = 12) -> list:
        """Synthetic officers (users in the officer role who cannot sign in), created on first use."""
        from django.contrib.auth.models import Group, User

        from .roles import OFFICER

        existing = list(User.objects.filter(username__startswith="synth-officer-").order_by("pk"))
        if existing:
            return existing
        users = [User(username=f"synth-officer-{n + 1}", first_name=given, last_name=family, password="!")
                 for n, (given, family) in enumerate(zip(OTHER_GIVEN[:count], OTHER_FAMILY[:count], strict=True))]
        self.bulk(User, users)
        role = Group.objects.get(name=OFFICER)
        self.bulk(User.groups.through, [User.groups.through(user_id=user.pk, group=role) for user in users])
        return users

    def bulk(self, model: type[models.Model], records: Iterable[models.Model]) -> list:
        """Writes the records in batches, with their search text, and returns them with their ids."""
        records = list(records)
        for record in records:
            if hasattr(record, "search_values"):
                record.search_text = index_text(record.search_values())
        model.objects.bulk_create(records, batch_size=BATCH)
        self.written[model._meta.label] = self.written.get(model._meta.label, 0) + len(records)
        return records




def generate_all(synth: Synth) -> dict[str, int]:
    """Runs every app's generator; returns how many records of each model were written."""
    for label, generate in areas.synth_generators():
        generate(synth.for_app(label))
    return dict(synth.written)
