"""The load test's users (run by bench/load.py): signed-in officers opening lists, records, searches and the API,
with no pause between requests. Sample record ids and the account come from the JSON file named by LOAD_SAMPLES."""

import json
import os
import random

import requests
from locust import HttpUser, constant, task

SAMPLES = json.loads(open(os.environ["LOAD_SAMPLES"], encoding="utf-8").read())
SEARCHES = ["反贪", "廉政公署", "澳门", "icac", "commission", "陳", "chan", "bureau kenya", "監察委員會", "academy"]
JSON = {"Accept": "application/json"}


class Officer(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        """Signs in outside the figures (a session of its own), then carries the session cookie."""
        session = requests.Session()
        session.get(f"{self.host}/accounts/login/")
        response = session.post(f"{self.host}/accounts/login/", data={
            "username": SAMPLES["username"], "password": SAMPLES["password"],
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        }, allow_redirects=False)
        if response.status_code != 302:
            raise RuntimeError(f"sign-in failed: {response.status_code}")
        self.client.cookies.update(session.cookies)

    def record(self, kind: str) -> int:
        return random.choice(SAMPLES[kind])

    @task(3)
    def organisation_list(self):
        self.client.get("/partners/organisations/", name="organisation list")

    @task(2)
    def organisation_search(self):
        self.client.get("/partners/organisations/", params={"q": random.choice(SEARCHES)}, name="organisation search")

    @task(3)
    def organisation(self):
        self.client.get(f"/partners/organisations/{self.record('organisations')}/", name="organisation page")

    @task(2)
    def contact_list(self):
        self.client.get("/partners/contacts/", name="contact list")

    @task(2)
    def contact_search(self):
        self.client.get("/partners/contacts/", params={"q": random.choice(SEARCHES)}, name="contact search")

    @task(2)
    def contact(self):
        self.client.get(f"/partners/contacts/{self.record('contacts')}/", name="contact page")

    @task(2)
    def agreement_list(self):
        self.client.get("/agreements/agreements/", name="agreement list")

    @task(2)
    def agreement(self):
        self.client.get(f"/agreements/agreements/{self.record('agreements')}/", name="agreement page")

    @task(1)
    def network(self):
        self.client.get(f"/networks/networks/{self.record('networks')}/", name="network page")

    @task(1)
    def membership_list(self):
        self.client.get("/networks/memberships/", name="membership list")

    @task(1)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def api_organisation_search(self):
        self.client.get("/api/partners/organisations/", params={"q": random.choice(SEARCHES), "limit": 25},
                        headers=JSON, name="API organisation search")

    @task(1)
    def api_contacts(self):
        self.client.get("/api/partners/contacts/", params={"limit": 50}, headers=JSON, name="API contact list")

    @task(1)
    def api_agreements(self):
        self.client.get("/api/agreements/agreements/", params={"limit": 50}, headers=JSON, name="API agreement list")
