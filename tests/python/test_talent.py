"""The Python module over the C interface: decisions as dicts, errors as
exceptions carrying the error object, and agreement with `talent batch`.

Environment: PYTHONPATH holds the module; TALENT_CLI is the `talent` command,
TALENT_PACK the Hohhot pack's folder, TALENT_EXAMPLES examples/applicants.
"""
import concurrent.futures
import datetime
import decimal
import json
import os
import subprocess
import unittest

import talent

CLI = os.environ["TALENT_CLI"]
PACK = os.environ["TALENT_PACK"]
EXAMPLES = os.environ["TALENT_EXAMPLES"]

EXAMPLE_1 = {
    "id": "EX-1", "degree": "doctorate", "study_mode": "full_time", "institution": "regular_university",
    "graduation_date": "2024-07-01", "employment": {"status": "enterprise", "in_city": True},
}
# Worked example 2 as a DataFrame row would give it: flat dotted columns,
# dates and Decimals, a whole number as a float, NaN for what the applicant
# does not give.
FOUNDER_ROW = {
    "id": "EX-2", "degree": "bachelor", "study_mode": "full_time", "institution": "regular_university",
    "graduation_date": datetime.date(2023, 6, 30),
    "employment.status": "self_employed", "employment.in_city": True,
    "home_purchase.first_in_city": True, "home_purchase.date": datetime.datetime(2024, 3, 15, 9, 30),
    "startup_loan.kind": "personal_guarantee", "startup_loan.principal": decimal.Decimal("400000.00"),
    "startup_loan.annual_rate": "3.85%", "startup_loan.term_months": 48.0,
    "startup_loan.start_date": float("nan"), "name": None,
}


def statuses(decision):
    return [(p["program"], p["status"], p.get("amount")) for p in decision["programs"]]


class RuleSetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = talent.RuleSet.builtin()

    def test_version(self):
        self.assertRegex(talent.version(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(talent.abi_version(), 1)
        self.assertEqual(repr(self.rules), "<talent.RuleSet hohhot-talent-25 2024.12.1>")
        self.assertRegex(self.rules.digest, r"^sha256:[0-9a-f]{64}$")

    def test_decides_a_dict(self):
        d = self.rules.decide(EXAMPLE_1, as_of="2025-06-30", language="en")
        self.assertEqual(d["id"], "EX-1")
        self.assertEqual(d["as_of"], "2025-06-30")
        self.assertEqual(statuses(d), [("rent_subsidy", "eligible", "1000.00"),
                                       ("home_purchase_subsidy", "ineligible", None),
                                       ("startup_loan_interest_subsidy", "ineligible", None)])
        rent = d["programs"][0]
        self.assertEqual(rent["title"], "Rent subsidy for graduates")
        self.assertEqual(rent["window"], {"start": "2024-07-01", "end": "2026-07-01"})
        self.assertEqual(rent["reasons"][0]["condition"], "full_time")
        self.assertIs(rent["reasons"][0]["result"], True)

    def test_text_date_and_no_reasons(self):
        text = json.dumps(EXAMPLE_1)
        d = self.rules.decide(text, as_of=datetime.date(2026, 7, 2), reasons=False)
        self.assertEqual(d["programs"][0]["status"], "ineligible")
        self.assertEqual(d["programs"][0]["title"], "高校毕业生租房补贴")
        self.assertNotIn("reasons", d["programs"][0])
        self.assertEqual(self.rules.decide("id: Y-1\ndegree: associate\n", as_of="2025-06-30")["id"], "Y-1")

    def test_a_dataframe_row(self):
        d = self.rules.decide(FOUNDER_ROW, as_of="2025-06-30")
        self.assertEqual(statuses(d), [("rent_subsidy", "eligible", "500.00"),
                                       ("home_purchase_subsidy", "eligible", "30000.00"),
                                       ("startup_loan_interest_subsidy", "eligible", "17325.00")])
        loan = d["programs"][2]
        self.assertEqual(loan["amount_basis"], {"startup_loan.principal": "400000.00",
                                                "startup_loan.annual_rate": "0.0385",
                                                "startup_loan.term_months": "48"})
        self.assertEqual([n["id"] for n in loan["notes"]], ["principal_capped", "term_capped"])

    def test_values_are_sent_exactly(self):
        # A fractional float is sent as Python writes it and rejected by the
        # record's rules, never rounded on the way.
        with self.assertRaises(talent.RecordRejected) as caught:
            self.rules.decide({"id": "F-1", "startup_loan.term_months": 12.5})
        self.assertEqual(caught.exception.error["field"], "startup_loan.term_months")
        with self.assertRaises(talent.RecordRejected) as caught:
            self.rules.decide({"id": "F-2", "startup_loan.principal": 0.1 + 0.2})
        self.assertEqual(caught.exception.error["code"], "invalid_value")
        self.assertIn("0.30000000000000004", caught.exception.error["message"])

        class NAType:  # what pandas calls its missing value
            def __eq__(self, other):
                raise TypeError("boolean value of NA is ambiguous")

            __ne__ = __eq__
        d = self.rules.decide({"id": "F-3", "degree": NAType()}, as_of="2025-06-30")
        self.assertEqual(d["programs"][0]["missing"], ["degree", "employment.in_city", "employment.status",
                                                       "graduation_date", "institution", "study_mode"])

    def test_rejected_record_raises_with_the_error_object(self):
        with self.assertRaises(talent.RecordRejected) as caught:
            self.rules.decide({"id": "B-3", "graduation_date": "2023-02-30"}, as_of="2025-06-30")
        e = caught.exception
        self.assertEqual(e.error, {"field": "graduation_date", "code": "invalid_value",
                                   "message": 'expected a real calendar date YYYY-MM-DD, found "2023-02-30"'})
        self.assertEqual(e.result["id"], "B-3")
        self.assertEqual(e.result["record"], 1)
        self.assertEqual(e.code, "invalid_value")
        self.assertEqual(str(e), 'graduation_date: expected a real calendar date YYYY-MM-DD, found "2023-02-30"')
        self.assertIsInstance(e, talent.Error)

    def test_every_problem_of_a_rejected_record(self):
        with self.assertRaises(talent.RecordRejected) as caught:
            self.rules.decide({"id": "M-1", "degree": "masters", "graduation_date": "2023-02-30",
                               "employment": {"in_city": "yes"}}, as_of="2025-06-30")
        e = caught.exception
        self.assertEqual([x["field"] for x in e.result["errors"]],
                         ["degree", "graduation_date", "employment.in_city"])
        self.assertEqual(e.error, e.result["errors"][0])

    def test_usage_errors(self):
        with self.assertRaises(talent.UsageError) as caught:
            self.rules.decide(EXAMPLE_1, as_of="2025-02-30")
        self.assertEqual(caught.exception.error["message"], 'as_of must be a real date YYYY-MM-DD, not "2025-02-30"')
        self.assertIsInstance(caught.exception, ValueError)
        with self.assertRaises(talent.UsageError):
            self.rules.decide(EXAMPLE_1, language="fr")
        with self.assertRaises(talent.UsageError) as caught:
            self.rules.decide({"employment": "yes", "employment.status": "enterprise"})
        self.assertEqual(caught.exception.code, "duplicate")

    def test_load(self):
        loaded = talent.RuleSet.load(PACK)
        self.assertEqual(loaded.decide(EXAMPLE_1, as_of="2025-06-30"), self.rules.decide(EXAMPLE_1, as_of="2025-06-30"))
        loaded.close()
        with self.assertRaises(talent.UsageError):
            loaded.decide(EXAMPLE_1)
        with self.assertRaises(talent.RulesError) as caught:
            talent.RuleSet.load("/no/such/folder")
        self.assertEqual(caught.exception.code, "unreadable")
        self.assertEqual(caught.exception.diagnostics[0]["file"], "/no/such/folder")

    def test_decide_all_gives_one_result_per_record(self):
        results = self.rules.decide_all([EXAMPLE_1, {"id": "R-2", "degree": "masters"}, FOUNDER_ROW,
                                         '{\n"id": "R-4"\n}'], as_of="2025-06-30")
        self.assertEqual([r["id"] for r in results], ["EX-1", "R-2", "EX-2", "R-4"])
        self.assertEqual(results[1]["record"], 2)
        self.assertEqual(results[1]["error"]["code"], "unknown_name")
        self.assertNotIn("error", results[2])
        self.assertEqual(self.rules.decide_all([], as_of="2025-06-30"), [])

    def test_decide_all_agrees_with_the_cli(self):
        for name in sorted(os.listdir(EXAMPLES)):
            path = os.path.join(EXAMPLES, name)
            with open(path, "rb") as f:
                ours = self.rules.decide_all(f.read(), as_of="2025-06-30", language="en")
            cli = subprocess.run([CLI, "batch", "--as-of", "2025-06-30", "--lang", "en", path],
                                 stdout=subprocess.PIPE, check=False).stdout.decode()
            self.assertEqual(ours, [json.loads(line) for line in cli.splitlines()], name)

    def test_info(self):
        info = self.rules.info(language="en")
        self.assertEqual(info["id"], "hohhot-talent-25")
        self.assertEqual([p["program"] for p in info["programs"]],
                         ["rent_subsidy", "home_purchase_subsidy", "startup_loan_interest_subsidy"])
        self.assertEqual(info["programs"][0]["amount"]["table"]["doctorate"], "1000.00")
        self.assertEqual([v["version"] for v in info["versions"]], ["2024.12.1"])
        years = {p["parameter"]: p for p in info["parameters"]}["rent_years"]
        self.assertEqual(years["history"], [{"since": "2024-12-01", "value": "2"}])

    def test_window_forms_and_unknown_fields(self):
        record = {"申请编号": "W-1", "学历": "硕士", "毕业日期": "2024年7月1日", "备注": "已核对"}
        with self.assertRaises(talent.RecordRejected) as rejected:
            self.rules.decide(record, as_of="2025-06-30")
        self.assertEqual(rejected.exception.error["field"], "备注")
        decision = self.rules.decide(record, as_of="2025-06-30", reasons=False, unknown_fields="warn")
        self.assertEqual(decision["ignored"], ["备注"])
        self.assertIn({"field": "graduation_date", "from": "2024年7月1日", "to": "2024-07-01"}, decision["normalized"])
        decision = self.rules.decide(record, as_of="2025-06-30", reasons=False, unknown_fields="ignore")
        self.assertNotIn("ignored", decision)
        with self.assertRaises(talent.UsageError):
            self.rules.decide(record, unknown_fields="keep")

    def test_what_if(self):
        # Worked example 1 five months after its rent subsidy ended (2026-07-01).
        d = self.rules.decide(EXAMPLE_1, as_of="2026-11-29", reasons=False, language="en", what_if=True)
        self.assertEqual(statuses(d), [("rent_subsidy", "ineligible", None),
                                       ("home_purchase_subsidy", "ineligible", None),
                                       ("startup_loan_interest_subsidy", "ineligible", None)])
        rent, home, loan = d["programs"]
        self.assertEqual(rent["what_if"], [{"changes": [{"field": "graduation_date", "at_least": "2024-11-29",
                                                         "at_most": "2026-11-29", "mutable": False}]}])
        self.assertEqual(home["what_if"], [{"changes": [
            {"field": "home_purchase.first_in_city", "set": True},
            {"field": "home_purchase.date", "at_least": "2024-07-01", "at_most": "2026-11-29"}]}])
        self.assertEqual(loan["what_if"], [])
        plain = self.rules.decide(EXAMPLE_1, as_of="2026-11-29", reasons=False, language="en")
        self.assertEqual(plain, {**d, "programs": [{k: v for k, v in p.items() if k != "what_if"} for p in d["programs"]]})
        # A program granted has none.
        d = self.rules.decide(EXAMPLE_1, as_of="2025-06-30", what_if=True)
        self.assertEqual(["what_if" in p for p in d["programs"]], [False, True, True])
        self.assertEqual(d["programs"][0]["reasons"][0]["condition"], "full_time")
        # A rejected record is rejected with or without it.
        with self.assertRaises(talent.RecordRejected):
            self.rules.decide({"id": "W-2", "degree": "masters"}, what_if=True)

    def test_what_if_agrees_with_the_cli(self):
        for name in sorted(os.listdir(EXAMPLES)):
            path = os.path.join(EXAMPLES, name)
            with open(path, "rb") as f:
                ours = self.rules.decide_all(f.read(), as_of="2026-11-29", what_if=True)
            cli = subprocess.run([CLI, "batch", "--as-of", "2026-11-29", "--what-if", path],
                                 stdout=subprocess.PIPE, check=False).stdout.decode()
            self.assertEqual(ours, [json.loads(line) for line in cli.splitlines()], name)
            self.assertTrue(any("what_if" in p for r in ours for p in r.get("programs", [])), name)

    def test_timeline(self):
        # Worked example 2: the rent subsidy from graduation to its second anniversary.
        t = self.rules.timeline(FOUNDER_ROW, "2020-01-01", datetime.date(2030, 12, 31))
        self.assertEqual((t["id"], t["from"], t["to"], t["ruleset"]["id"]), ("EX-2", "2020-01-01", "2030-12-31", "hohhot-talent-25"))
        segments = {p["program"]: p["segments"] for p in t["programs"]}
        self.assertEqual(segments["rent_subsidy"], [
            {"from": "2020-01-01", "to": "2023-06-29", "status": "ineligible", "version": "2024.12.1"},
            {"from": "2023-06-30", "to": "2025-06-30", "status": "eligible", "amount": "500.00", "version": "2024.12.1"},
            {"from": "2025-07-01", "to": "2030-12-31", "status": "ineligible", "version": "2024.12.1"}])
        self.assertEqual(segments["home_purchase_subsidy"][1],
                         {"from": "2024-03-15", "to": "2030-12-31", "status": "eligible", "amount": "30000.00",
                          "version": "2024.12.1"})
        self.assertEqual(segments["startup_loan_interest_subsidy"],
                         [{"from": "2020-01-01", "to": "2030-12-31", "status": "eligible", "amount": "17325.00",
                           "version": "2024.12.1"}])
        # As `talent timeline --format json` prints it.
        path = os.path.join(EXAMPLES, "02-bachelor-founder.yaml")
        cli = subprocess.run([CLI, "timeline", "--format", "json", "--from", "2020-01-01", "--to", "2030-12-31", path],
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        with open(path, "rb") as f:
            self.assertEqual(self.rules.timeline(f.read(), "2020-01-01", "2030-12-31"), json.loads(cli))
        # No range: ten years either side of today.
        t = self.rules.timeline(EXAMPLE_1)
        today = datetime.date.today()
        self.assertEqual(t["from"][:4], str(today.year - 10))
        self.assertEqual(t["to"][:4], str(today.year + 10))
        with self.assertRaises(talent.RecordRejected) as caught:
            self.rules.timeline({"id": "T-1", "graduation_date": "2023-02-30"}, "2020-01-01", "2030-12-31")
        self.assertEqual(caught.exception.field, "graduation_date")
        with self.assertRaises(talent.UsageError) as caught:
            self.rules.timeline(EXAMPLE_1, "2030-01-01", "2020-01-01")
        self.assertEqual(caught.exception.error["message"], "to (2020-01-01) is before from (2030-01-01)")
        with self.assertRaises(talent.UsageError):
            self.rules.timeline(EXAMPLE_1, "2020-02-30", None)
        self.assertEqual(self.rules.timeline({"id": "T-2", "备注": "x"}, "2025-06-30", "2025-06-30",
                                             unknown_fields="ignore")["id"], "T-2")

    def test_threads_share_one_rule_set(self):
        records = [EXAMPLE_1, FOUNDER_ROW, {"id": "R-3", "degree": "masters"}]
        expected = self.rules.decide_all(records, as_of="2025-06-30")

        def work(_):
            return all(self.rules.decide_all(records, as_of="2025-06-30") == expected for _ in range(50))

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            self.assertTrue(all(pool.map(work, range(8))))


if __name__ == "__main__":
    unittest.main()
