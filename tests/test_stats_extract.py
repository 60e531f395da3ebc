"""Extraction of reported test results: every supported form, exact offsets."""

from __future__ import annotations

import pytest

from detectors.stats.extract import extract_results
from detectors.stats.normalize import normalize


def extract(text: str):
    return extract_results(normalize(text))


def one(text: str):
    results = extract(text)
    assert len(results) == 1, [r.raw for r in results]
    r = results[0]
    assert text[r.start : r.end] == r.raw  # offsets index the original text exactly
    return r


# (text, test, df1, df2, value, p comparison, p value)
FORMS = [
    ("t(28) = 2.20, p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("F(2, 57) = 3.41, p < .05", "F", 2, 57, 3.41, "<", 0.05),
    ("r(48) = .32, p = .02", "r", None, 48, 0.32, "=", 0.02),
    ("χ2(1, N = 90) = 4.5, p = .03", "chi2", 1, None, 4.5, "=", 0.03),
    ("z = 1.96, p = .05", "z", None, None, 1.96, "=", 0.05),
    ("t(28) = 2.20, d = 0.41, p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("t(28)=2.20,p=.036", "t", None, 28, 2.20, "=", 0.036),
    ("t ( 28 ) =  2.20 ,  p  =  .036", "t", None, 28, 2.20, "=", 0.036),
    ("t(28) = 2.20; p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("t(28) = 2.20, P = 0.036", "t", None, 28, 2.20, "=", 0.036),
    ("t(28) = 2.20, p-value = .036", "t", None, 28, 2.20, "=", 0.036),
    ("t = 2.2, df = 28, P = 0.036", "t", None, 28, 2.2, "=", 0.036),
    ("F = 3.41 (df = 2, 57), p = .04", "F", 2, 57, 3.41, "=", 0.04),
    ("χ²(1) = 4.50, p = .034", "chi2", 1, None, 4.5, "=", 0.034),
    ("Χ2(1) = 4.50, p = .034", "chi2", 1, None, 4.5, "=", 0.034),
    ("chi2(1) = 4.50, p = .034", "chi2", 1, None, 4.5, "=", 0.034),
    ("chi-square(1) = 4.50, p = .034", "chi2", 1, None, 4.5, "=", 0.034),
    ("as shown, 2(1, N = 90) = 4.50, p = .034", "chi2", 1, None, 4.5, "=", 0.034),
    ("t(28) = −2.20, p = .036", "t", None, 28, -2.20, "=", 0.036),
    ("t(28) = − 2.20, p = .036", "t", None, 28, -2.20, "=", 0.036),
    ("t(28) = 2.20, p ≤ .05", "t", None, 28, 2.20, "<=", 0.05),
    ("t(28) ＝ 2.20, p ＜ .05", "t", None, 28, 2.20, "<", 0.05),
    ("t(28) = 2,20; p = 0,036", "t", None, 28, 2.20, "=", 0.036),
    ("r(109) = 0,162; p = 0,045", "r", None, 109, 0.162, "=", 0.045),
    ("z = 5.6, p = 5.8 × 10−8", "z", None, None, 5.6, "=", 5.8e-8),
    ("z = 4.2, p = 3e-5", "z", None, None, 4.2, "=", 3e-5),
    ("t28 = 2.20, p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("t₂₈ = 2.20, p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("F2,57 = 3.41, p = .04", "F", 2, 57, 3.41, "=", 0.04),
    ("F(1, 57) = 1.20, ns", "F", 1, 57, 1.20, "ns", None),
    ("F(1, 57) = 1.20, n.s.", "F", 1, 57, 1.20, "ns", None),
    ("t(28) = 6.2, p = .000", "t", None, 28, 6.2, "=", 0.0),
    ("t(28) = 6.2, p < .001", "t", None, 28, 6.2, "<", 0.001),
    ("t(28) =\n2.20, p-\nvalue = .036", "t", None, 28, 2.20, "=", 0.036),
    ("F(1.84, 45.9) = 3.41, p = .045", "F", 1.84, 45.9, 3.41, "=", 0.045),
    ("H(2) = 7.8, p = .02", "H", 2, None, 7.8, "=", 0.02),
    ("Q(12) = 25.3, p = .013", "Q", 12, None, 25.3, "=", 0.013),
    ("t(28)=2·20, p=0·036", "t", None, 28, 2.20, "=", 0.036),
    ("r(26)=·39, p=0·048", "r", None, 26, 0.39, "=", 0.048),
    ("t(28) = 2.20, 95% CI [0.10, 1.20], p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("r = .32, n = 50, p = .02", "r", None, 48, 0.32, "=", 0.02),
    ("F(l, 57) = 4.1, p = .047", "F", 1, 57, 4.1, "=", 0.047),
    ("t[28] = 2.20, p = .036", "t", None, 28, 2.20, "=", 0.036),
    ("U = 45, p = .03", "U", None, None, 45, "=", 0.03),
]


@pytest.mark.parametrize("text,test,df1,df2,value,comp,p", FORMS, ids=[f[0][:40] for f in FORMS])
def test_every_form_is_read(text, test, df1, df2, value, comp, p):
    r = one(text)
    assert r.test == test
    assert r.df1 == df1 and r.df2 == df2
    assert r.value == pytest.approx(value)
    assert r.reported_p.comparison == comp
    if p is not None:
        assert r.reported_p.value == pytest.approx(p)


def test_printed_strings_are_kept_exactly():
    r = one("The effect held, t(28) = −2.20, p = .0360.")
    assert r.value_string == "−2.20"
    assert r.reported_p.string == ".0360"
    assert r.reported_p.decimals == 4
    assert r.value_decimals == 2
    r = one("z = 5.6, p = 5.8 × 10−8")
    assert r.reported_p.string == "5.8 × 10−8"
    assert r.reported_p.decimals == 9  # rounding step 10^-9


def test_offsets_survive_ligatures_and_nbsp():
    text = "Signiﬁcant: t(28)\u00a0=\u00a02.20,\u00a0p\u00a0=\u00a0.036, as expected."
    r = one(text)
    assert text[r.start : r.end] == "t(28)\u00a0=\u00a02.20,\u00a0p\u00a0=\u00a0.036"


def test_shared_ps_and_several_results_in_one_sentence():
    results = extract("Both effects held, t(28) = 2.20 and t(30) = 3.10, ps < .05; the third did not, F(1, 57) = 1.20, p = .28.")
    assert [(r.test, r.reported_p.value) for r in results] == [("t", 0.05), ("t", 0.05), ("F", 0.28)]


def test_p_labels_carry_qualifiers():
    r = one("t(28) = 2.20, p(one-tailed) = .018")
    assert r.reported_p.qualifier == "one-tailed"
    r = one("t(28) = 2.20, p_adj = .108")
    assert r.reported_p.qualifier == "adj"


@pytest.mark.parametrize(
    "text",
    [
        "Participants were between 18 and 65 years old (see p. 12).",
        "Measurements were taken at t1 and t2.",
        "Test-retest reliability was high (r = .85).",
        "Cronbach's α = .87; the F-test and t-tests follow.",
        "Significance was set at p < .05 for all tests.",
        "In Experiment 2 (N = 40) the effect replicated.",
        "The t(28) statistic is described in Table 2, and p = .03 was the threshold.",
    ],
)
def test_no_result_in_distractors(text):
    assert extract(text) == []


def test_statistic_and_p_in_different_sentences_are_not_paired():
    assert extract("The mean difference was large, t(28) = 2.20. P values below .05 were significant, p = .03 in pilot work.")[0].reported_p is None


def test_references_are_skipped_by_range():
    text = "Results: t(28) = 2.20, p = .036.\n\nReferences\nSmith (2001) found t(12) = 9.9, p = .5.\n"
    norm = normalize(text)
    cut = text.index("References")
    results = extract_results(norm, [(0, cut)])
    assert [r.value for r in results] == [2.20]
