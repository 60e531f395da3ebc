"""Word lists for the synthetic text-overlap corpus (bench only).

Synonym groups serve twice: the generator draws any member, and the
synonym-substitution obfuscation swaps a word for another member of its
group. The detector knows nothing of these groups.
"""

NOUN_GROUPS = [
    "analysis examination assessment", "method approach technique procedure", "result finding outcome",
    "study investigation inquiry", "effect impact influence", "increase rise growth", "decrease decline reduction",
    "sample specimen", "group cohort", "level concentration amount", "rate frequency", "change alteration variation",
    "difference discrepancy disparity", "relationship association link connection", "measure metric indicator",
    "model framework", "pattern trend tendency", "response reaction", "role function", "factor determinant driver",
    "condition state", "process mechanism pathway", "structure architecture organisation", "feature characteristic property",
    "goal aim objective", "problem issue difficulty", "evidence support", "region area zone", "period interval phase",
    "treatment therapy intervention", "patient participant subject", "experiment trial test", "estimate approximation",
    "limitation shortcoming weakness", "advantage benefit strength", "risk hazard danger", "error mistake inaccuracy",
    "signal marker", "variable parameter", "distribution spread", "surface layer", "temperature heat",
    "material substance", "tissue organ", "cell unit", "network system", "environment setting context",
    "population community", "community assemblage", "activity function", "performance behaviour",
    "data information", "observation measurement", "hypothesis conjecture", "theory account explanation",
    "capacity capability ability", "strategy plan", "component element part", "source origin", "consequence implication",
]
VERB_GROUPS = [
    "show demonstrate reveal indicate", "suggest imply propose", "increase raise elevate", "reduce lower diminish",
    "measure quantify assess", "examine investigate explore study", "compare contrast", "affect influence alter modify",
    "require need demand", "improve enhance strengthen", "identify detect find", "describe characterise report",
    "use employ apply utilise", "obtain acquire collect gather", "produce generate yield", "support confirm corroborate",
    "determine establish ascertain", "predict forecast anticipate", "estimate approximate", "observe note notice",
    "explain account", "limit constrain restrict", "maintain preserve sustain", "promote foster encourage",
    "regulate control govern", "evaluate appraise judge", "combine merge integrate", "remove eliminate exclude",
]
ADJECTIVE_GROUPS = [
    "significant substantial considerable marked", "important crucial essential key", "large big major",
    "small minor modest slight", "high elevated", "low reduced", "rapid fast quick swift", "slow gradual",
    "novel new original", "previous prior earlier", "recent current contemporary", "common frequent prevalent",
    "rare uncommon infrequent", "strong robust powerful", "weak faint", "similar comparable analogous",
    "different distinct dissimilar", "clear evident apparent obvious", "complex complicated intricate",
    "simple straightforward basic", "accurate precise exact", "reliable dependable consistent",
    "effective efficient successful", "potential possible prospective", "specific particular",
    "general broad overall", "main primary principal", "additional further extra", "various diverse several",
    "stable steady constant", "typical characteristic representative", "direct immediate",
]
ADVERB_GROUPS = [
    "significantly substantially considerably markedly", "clearly evidently obviously", "rapidly quickly swiftly",
    "slightly marginally", "largely mainly mostly primarily", "often frequently commonly", "previously formerly earlier",
    "consistently reliably", "strongly firmly", "directly immediately",
]
# Plain topic words (no synonyms): each document draws its own topic from these.
TOPIC_NOUNS = """
kinase receptor enzyme protein peptide antibody antigen cytokine hormone insulin glucose lipid cholesterol
neuron synapse dendrite axon astrocyte microglia cortex hippocampus cerebellum thalamus amygdala retina
liver kidney lung heart muscle bone cartilage tendon skin intestine pancreas spleen thyroid adrenal
bacterium virus fungus parasite pathogen vaccine antibiotic microbiome biofilm plasmid genome transcript
soil sediment aquifer river estuary wetland forest grassland savanna tundra glacier reef lagoon basin
rainfall drought flood wildfire erosion salinity nitrogen phosphorus carbon methane ozone aerosol
polymer ceramic alloy composite graphene nanotube catalyst electrode electrolyte membrane crystal film
turbine generator inverter battery transformer converter sensor actuator controller antenna waveguide laser
algorithm classifier encoder decoder compiler scheduler protocol router firewall database query index cache
household firm market wage price tariff subsidy pension loan mortgage inflation consumption investment
school teacher pupil curriculum classroom literacy numeracy attendance dropout tutoring mentoring
hospital clinic nurse physician surgeon pharmacy prescription admission discharge readmission referral
farm crop yield wheat maize rice soybean livestock cattle poultry pasture irrigation fertiliser pesticide
city district neighbourhood housing transport commuting traffic pollution noise lighting greenspace
""".split()
TOPIC_ADJECTIVES = """
cellular molecular neural cortical hepatic renal cardiac pulmonary metabolic immune inflammatory oxidative
genetic epigenetic microbial viral bacterial clinical surgical pharmacological therapeutic diagnostic
coastal alpine tropical arid temperate marine freshwater terrestrial urban rural agricultural industrial
thermal electrical mechanical optical magnetic acoustic chemical structural catalytic porous crystalline
computational statistical numerical spatial temporal longitudinal cross-sectional randomised observational
economic fiscal monetary financial social educational demographic behavioural cognitive emotional
""".split()
# Established terms that paper mills are known to torture (all present in the shipped list).
TORTURABLE_TERMS = [
    "artificial intelligence", "deep learning", "random forest", "breast cancer", "big data", "neural network",
    "support vector machine", "decision tree", "linear regression", "logistic regression", "signal to noise",
    "mean square error", "kidney failure", "ant colony", "genetic algorithm", "particle swarm optimization",
    "confidence interval", "odds ratio", "body mass index", "gene expression", "amino acid", "supply chain",
    "feature extraction", "image processing", "data set", "wireless sensor network", "quality of service",
    "heart failure", "clinical trial", "informed consent", "oxidative stress", "immune system",
]
FUNCTION_WORDS = "the a an of in on for with by to from at as and or but that which this these those is are was were be been has have had".split()

BOILERPLATE_SENTENCES = [
    "The study was approved by the institutional review board and all participants provided written informed consent before enrolment.",
    "All procedures performed in studies involving human participants were in accordance with the ethical standards of the institutional research committee and with the 1964 Helsinki declaration and its later amendments.",
    "All animal experiments were conducted in accordance with the national guidelines for the care and use of laboratory animals and were approved by the local ethics committee.",
    "The data that support the findings of this study are available from the corresponding author upon reasonable request.",
    "The datasets generated and analysed during the current study are available in a public repository, and the code used for the analysis is available from the authors on request.",
    "The authors declare that they have no known competing financial interests or personal relationships that could have appeared to influence the work reported in this paper.",
    "This research did not receive any specific grant from funding agencies in the public, commercial, or not-for-profit sectors.",
    "Statistical analyses were performed using R version 4.2 and a two-sided p value below 0.05 was considered statistically significant.",
    "Continuous variables are presented as mean and standard deviation, and categorical variables are presented as counts and percentages.",
    "All authors contributed to the study conception and design, read and approved the final manuscript, and agree to be accountable for all aspects of the work.",
    "We thank the technical staff of the core facility for their assistance with sample preparation and data acquisition.",
    "Differences between groups were assessed with the Mann-Whitney U test for continuous variables and the chi-squared test for categorical variables.",
]
