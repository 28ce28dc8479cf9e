"""The pattern tables of study design: publication types, MeSH descriptors and the
phrases by which papers name their own design.

Data, not decisions: monitor/triage/design.py asks these in a fixed order (its
decision list), and each table's comment says what it is for and what it
keeps out.  Every phrase is matched against lowercased text.

The patterns run as RE2 sets (see fastre.PatternSet), so they avoid
look-around, which would fall back to Python's slower ``re``, and they keep
counted repetitions ("{0,4} words") behind rare words: after a common word
such as "a" they multiply the automaton's states and slow every abstract.
"""

from __future__ import annotations

import re

from monitor.triage.fastre import Pattern, PatternSet, compile_pattern, lowercase_literals
from monitor.triage.numbers import NUMBER, number_value

# publication type -> design, strongest first
PUBTYPES: tuple[tuple[str, str], ...] = (
    ("published erratum", "notice"),
    ("retraction of publication", "notice"),
    ("expression of concern", "notice"),
    ("systematic review", "systematic_review"),
    ("meta-analysis", "systematic_review"),
    # a map of the evidence, without its appraisal: a review, not a systematic one
    ("scoping review", "narrative_review"),
    ("network meta-analysis", "systematic_review"),
    ("practice guideline", "guideline"),
    ("guideline", "guideline"),
    ("consensus development conference", "guideline"),
    ("randomized controlled trial", "rct"),
    ("equivalence trial", "rct"),
    ("clinical trial protocol", "protocol"),
    ("clinical trial, phase i", "non_randomized_trial"),
    ("clinical trial, phase ii", "non_randomized_trial"),
    ("controlled clinical trial", "non_randomized_trial"),
    ("clinical trial", "non_randomized_trial"),
    ("case reports", "case_report"),
    ("observational study", "observational"),
    ("comparative study", "observational"),
    ("review", "narrative_review"),
    ("editorial", "commentary"),
    ("comment", "commentary"),
    ("letter", "commentary"),
    ("news", "commentary"),
    ("biography", "commentary"),
    ("historical article", "commentary"),
    ("personal narrative", "commentary"),
)


def _rx(*patterns: str) -> Pattern:
    # matched against lowercased text (see design_from_lowered): the literal text
    # lowered, not the escapes (``p.lower()`` made ``\W`` a ``\w``; fixr20)
    return compile_pattern("|".join(f"(?:{lowercase_literals(p)})" for p in patterns))


# one character of the same sentence: not a full stop, unless a digit follows it
# ("we describe the finding of 16p13.3 microduplication in a fetus", "a 2.5 cm
# mass in a 40-year-old man"); RE2 has no look-ahead, so the digit is consumed
_IN_SENTENCE = r"([^.]|[.]\d)"

# a notice's title opens on its kind, then punctuation or the paper it concerns;
# research opens on the same words ("Correction of post-traumatic kyphosis",
# "Withdrawal of life-sustaining treatment", "Retraction of the cord at surgery")
NOTICE_TITLE = _rx(
    r"^[\s\[(]*(erratum|errata|corrigendum|corrigenda|(notice|statement) of retraction|"
    r"retraction (note|notice|statement)|expression of concern|editorial expression of concern)\b",
    r"^[\s\[(]*((author|publisher)'?s? )?(correction|retraction|retracted|withdrawn|withdrawal)"
    r"(\s*([:.;,\])–—-]|$)|\s+to\b|\s+of\s*:|\s+of\s+(the |an? )?(article|paper|publication)\b|"
    # "RETRACTED ARTICLE:" (Springer), "Correction notice:", "Correction for Smith et al." (PNAS)
    r"\s+(article|notice|note|statement)\b|\s+for\s+[\w'-]+( and [\w'-]+)? et al\b)",
)
# in a title, any mention of the design names it; in an abstract, only phrases
# in which the authors describe their own study (reviews and commentaries
# mention other people's trials all the time)
SR_TITLE = _rx(
    r"systematic(al)?\s+(literature\s+)?review",
    r"meta[\s-]?analy[sz]",
    # "a conceptual and meta-analytic review", "a quantitative review": pooled data
    r"meta[\s-]?analytic",
    r"\bquantitative (literature )?review",
    r"network meta",
    r"umbrella review",
    r"meta[\s-]?regression",
    r"pooled analysis of \d+",
    # a pooled analysis of the literature, not of the authors' cohorts (sr8)
    r"pooled analysis of (the )?(published )?(literature|studies|trials|randomi[sz]ed)",
    # kinds of systematic review by another name: "a rapid qualitative evidence
    # synthesis" (Cochrane), "a meta-synthesis of qualitative studies" (sr8)
    # (not "meta-synthesis": "bootstrap approach for meta-synthesis of MRI findings from
    # multiple scanners" is a methods paper on the authors' own data)
    r"\bevidence synthesis\b",
    r"systematic (literature )?search",
)
# the title's "systematic reviews" as its topic, not its design (med9): after a
# preposition other than "of" ("a competency framework for librarians involved in
# systematic reviews", "harms reporting in systematic reviews"; "an overview of
# systematic reviews" is an umbrella review), or naming the work of making one
# ("librarian time spent on systematic review tasks"); the SR_TITLE words left when
# these are struck out still name the design ("...in systematic reviews: a
# meta-epidemiological study" is not one, "...: a systematic review" is)
SR_TITLE_TOPIC = _rx(
    r"\b(in|for|on|about|to|by|within|across|into|among|involving) ([\w-]+ ){0,2}?"
    r"systematic reviews\b",
    r"\bsystematic review (tasks?|teams?|authors|methods|methodology|process(es)?|"
    r"searche?s|searching|production|conduct|software|tools?|training|skills|"
    r"competenc(y|ies)|services?|librarians?|workload)\b",
)
# the name may carry one word of its *kind* ("a network meta-analysis", "an umbrella
# review", "an individual participant data meta-analysis"): a closed list, so that "a
# previous / recent / large meta-analysis showed" in a primary study stays a citation
# (sr8).  "Evidence synthesis", "meta-synthesis" and "rapid evidence assessment" are
# names of the design too; every name still needs a stated method (SR_METHOD)
_SR_KIND = (
    r"(updated|comprehensive|network|umbrella|bayesian|cumulative|pairwise|living|rapid|"
    r"dose[\s-]response|trial[\s-]sequential|(individual|aggregate)[\s-](patient|participant)"
    r"[\s-]data|ipd|qualitative|quantitative|systematic)"
)
_SR_NAMED = (
    r"\s+(" + _SR_KIND + r"\s+)?(systematic(al)?\s+(literature\s+)?review|"
    r"meta[\s-]?analy[sz]\w*|evidence synthesis|meta[\s-]?synthesis|"
    r"rapid (evidence )?(assessment|review))"
)
# a sentence opening on "A meta-analysis ..." or "In a systematic review ..." is
# the paper's own review more often than not, but may cite one ("A meta-analysis
# of animal studies suggested benefit"): the paper's own randomisation wins over it
# ("not "their value in a meta-analysis": "a" only opening a sentence)
SR_OPENING = _rx(r"(^|[.:;]\s*)(in )?an?" + _SR_NAMED)
# the paper naming itself a systematic review or meta-analysis ("this systematic
# review", "is a meta-analysis", "DESIGN: meta-analysis", "a meta-analysis was
# conducted"): a name, not a method.  Narrative reviews call themselves "a
# systematic review on the mechanism of ..." and laboratory papers run "a
# meta-analysis" of expression data, so a name (and SR_OPENING's) settles the design
# only beside a stated search, selection, appraisal or pooling (SR_METHOD), as
# the labelling rules define the design (docs/design-labelling.md)
SR_NAMED_TEXT = _rx(
    r"\b(this|our|the present|(is|was) an?|(we|to) (conducted?|performed?|undertake|undertook|"
    r"carr(y|ied) out) an?)" + _SR_NAMED,
    # a structured label: "DESIGN: meta-analysis", "METHOD: Systematic review of
    # literature ... based on Medline and Embase" (sr8: the method label)
    r"\bdesign:\s*(an? )?([\w-]+ )?(systematic|meta[\s-]?analy)",
    r"\b(methods?|materials and methods|study design):\s*(an? )?([\w-]+ )?"
    r"(systematic (literature )?review|meta[\s-]?analy)",
    r"\b(systematic(al)? (literature )?review|meta[\s-]?analy[sz]\w*)( of [\w\s,-]{0,60}?)? "
    r"(was|were) (performed|conducted|undertaken|carried out|done|made)\b",
)
# "systematically" is a systematic review's word only for the act of reviewing
# (reviewed, searched, appraised, synthesised) or with the literature as its
# object ("to systematically identify randomised trials", "we systematically
# assessed the literature"); "we systematically evaluated the read variation" of a
# sequencing study, or "cells were systematically examined", review nothing
_SR_VERB = r"(review|search|apprais|synthesi[sz])\w*"
_COUNT_WORDS = (
    r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
_SR_OBJECT = (
    # (not "records" or "reports": "medical records were systematically reviewed" is
    # a chart review)
    r"(literature|studies|trials|rcts|articles|publications|papers|databases|evidence|"
    r"reviews|meta[\s-]?analyses)"
)
# (said by the authors, "we" or "to", or of the literature: "prenatal findings were
# systematically reviewed" is a review of records, "we have systematically reviewed
# recent developments" a narrative review's way of speaking)
_SR_SYSTEMATICALLY = (
    r"\b(we|to) systematically " + _SR_VERB + r"\b",
    r"\b(we|to) systematically (identif|evaluat|assess|summari[sz]|examin|map|collect|compil|"
    r"retriev|screen|extract|select|analy[sz]|categori[sz]|catalogu?|investigat|explor)\w* "
    r"([\w-]+ ){0,4}?" + _SR_OBJECT + r"\b",
    r"\b" + _SR_OBJECT + r" (were|was) systematically \w+",
)
SR_TEXT = _rx(
    # structured-abstract labels of systematic reviews (Cochrane, PRISMA, JAMA/Annals)
    r"\b(search methods|selection criteria|data collection and analysis|study selection|"
    r"data extraction|data synthesis|information sources)\s*:",
    r"\breview authors\b",
    # own pooling ("we combined the results in a meta-analysis"), GWAS meta-analyses
    r"\bwe (combined|pooled|synthesi[sz]ed)\b"
    + _IN_SENTENCE
    + r"{0,60}?\b(in|using|by|with|through|via) (an? )?"
    r"([\w-]+\s+){0,2}?meta[\s-]?analy",
    # overviews: reviews whose evidence is other systematic reviews and meta-analyses
    r"\breview of (recent |published |existing |available )?(systematic reviews|"
    r"meta[\s-]?analyses)\b",
    r"\b(review|search)\w*\b"
    + _IN_SENTENCE
    + r"{0,60}?\b(to identify|identifying|concentrating on|"
    r"focus(ing)? on)\s+(recent\s+|published\s+|existing\s+|available\s+)?"
    r"(systematic reviews|meta[\s-]?analyses)\b",
    # (not genome-wide association meta-analyses: cohorts' genotypes, observational by
    # the labelling rules; GENOMIC_META keeps a named one out, sr8)
    # own pooling of the literature without the word meta-analysis: "we pooled studies
    # from published literature", "a pooled analysis of 4 studies" (sr8); not "a pooled
    # analysis of two cohorts"
    r"\bpooled analysis of (the )?(\d+ |" + _COUNT_WORDS + r" )?(published |randomi[sz]ed "
    r"|eligible |included )?(studies|trials|rcts|literature|articles|publications)\b",
    r"\bwe pooled (the )?(data |results )?(from |of )?(\d+ )?(published |eligible |included )?"
    r"(studies|trials|rcts|literature|articles|publications)\b",
    r"\bwe included \d+ ([\w-]+\s+){0,3}?(trials|studies|rcts|articles|publications)\b",
    r"\b(studies|trials|rcts|articles|publications) (met|fulfilled) (the|our) "
    r"(inclusion|eligibility|selection) criteria",
    r"\bprisma\b",
    r"\bsystematic(ally)? search(ed)?\b",
    r"\b(by|after|through) searching (the )?(pubmed|medline|embase|cochrane|web of science|"
    r"scopus|cinahl)\b",
    r"\bwe searched (pubmed|medline|embase|the cochrane|web of science|scopus|cinahl|\w+ "
    r"databases|electronic databases)",
    # not "studies were pooled", "pooled estimates" or "random-effects models" alone:
    # multi-city time series, sponsors' pooled trials and cohorts' mixed models use them
    r"\bstudies were (included|identified)\b",
    # passive and infinitive search descriptions ("databases were searched", "to
    # systematically review")
    r"\b(databases|pubmed|medline|embase|cochrane library|central|web of science|scopus|cinahl|"
    r"psycinfo|google scholar|lilacs)( databases?)?,? (were|was) (systematically |"
    r"comprehensively |electronically |independently )?searched\b",
    *_SR_SYSTEMATICALLY,
    r"\b(records|citations|articles|titles and abstracts) were (screened|retrieved)\b",
    # "a systematic literature search was performed", "searches of MEDLINE and Embase"
    r"\b(systematic (literature )?search|literature search)( of [\w\s,-]{0,60}?)? (was|were) "
    r"(performed|conducted|undertaken|carried out|done|made)\b",
    r"\b(searches|search) (of|in|through|across) (the )?(pubmed|medline|embase|cochrane|"
    r"web of science|scopus|cinahl|psycinfo|electronic databases|\w+ databases)\b",
)
# what makes a named review systematic (docs/design-labelling.md): a stated search,
# selection of studies, their appraisal, or the pooling of their results.  Asked
# only of an abstract that names itself a systematic review or meta-analysis
# (SR_NAMED_TEXT, SR_OPENING), so it is in no PatternSet
_COUNT = r"(\d+|" + _COUNT_WORDS[1:]
# the search and the selection apart: a title that says only "review" is systematic
# where its abstract states both (design_decisions.review_title, sr8)
_SR_SEARCH = (
    r"\b(searched|searching|searches|literature search|search (strategy|terms|of|in|through))\b",
    r"\b(pubmed|medline|embase|cochrane (library|central|database)|web of science|scopus|"
    r"cinahl|psycinfo|google scholar|lilacs|cnki|wanfang)\b",
    r"\bprisma\b",
)
_SR_SELECTION = (
    r"\b(inclusion|exclusion|exclusionary|eligibility|selection) criteria\b",
    r"\b(studies|trials|rcts|articles|publications|papers|manuscripts|reports|records|citations) "
    r"(were|was) (included|selected|identified|eligible|screened|retrieved|reviewed)\b",
    r"\b" + _COUNT + r" ([\w-]+ ){0,3}?(studies|trials|rcts|articles|publications|papers|"
    r"manuscripts|reports|cohorts) (were|was|met|involving|with|including|comprising|enrolling|"
    r"totall?ing|reporting|included|identified|selected|fulfilled)\b",
    r"\b(included|eligible) (studies|trials|rcts|articles|publications|papers|manuscripts|"
    r"reports)\b",
)
SR_SEARCH = _rx(*_SR_SEARCH)
SR_SELECTION = _rx(*_SR_SELECTION)
# the paper's own patients or cases beside its literature review ("we herein present
# our initial experience ... 11 patients underwent ... 26 papers were included in the
# review"; "a case of ... is presented"): a primary study with a review of the
# literature, not a systematic review however its review part is done (labelling
# rules: case reports and series "with a review of the literature" keep their design;
# fixs8, sr8's known wrong 33570711)
OWN_CASES = _rx(
    r"\bour (initial |own |early |first |preliminary |institutional |single[\s-]cent(er|re) |"
    r"clinical |surgical |personal )?(experience|series|case series|cases?|patients|cohort)\b",
    r"\b(describes?|presents?|reports?) (here |herein )?(a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|\d+) ([\w-]+ ){0,2}?(cases?|patients?)\b",
    r"\b(a|an|one|two|three) (new |rare |unusual |further )?(cases?|patients?) "
    r"([\w,/()-]+ ){0,10}?(is|are) (here |herein )?(presented|described|reported)\b",
)
# a meta-analysis whose material is genome-wide data of cohorts: observational by the
# labelling rules (GWAS, Mendelian randomisation), not a systematic review (sr8)
GENOMIC_META = _rx(
    r"\b(genome[\s-]wide|gwas|epigenome[\s-]wide|ewas|susceptibility loci|polygenic)\b",
)
SR_METHOD = _rx(
    # the search
    *_SR_SEARCH,
    # the selection
    *_SR_SELECTION,
    # the appraisal
    r"\b(risk of bias|quality assessment|methodological quality|critical(ly)? apprais\w*|"
    r"newcastle[\s-]ottawa|jadad|amstar|grade (approach|system|framework|methodology|criteria)|"
    r"quality of (the )?(included )?(studies|trials|evidence))\b",
    # the pooling, or a meta-analysis whose material is the literature ("in a
    # meta-analysis of experimental economics studies with 97 samples")
    r"\bmeta[\s-]?analy[sz]\w* of ([\w-]+ ){0,4}?(studies|trials|rcts|articles|publications)\b",
    # (not "heterogeneity" alone: "a disease with remarkable heterogeneity")
    r"\b(pooled|pooling|random[\s-]effects?|fixed[\s-]effects?|forest plots?|"
    r"funnel plots?|publication bias|summary (estimates?|odds ratios?|effects?)|"
    r"(weighted|standardi[sz]ed) mean differences?|(statistical|substantial|significant|"
    r"moderate|considerable|high|low) heterogeneity|heterogeneity (among|between|across) "
    r"(the )?(included )?(studies|trials))\b",
    r"\bi\s*(\(2\)|\^2|2|²)\s*=",
)
PROTOCOL = _rx(
    r"\bstudy protocol\b",
    r"\btrial protocol\b",
    r"\bprotocol for (a|an|the)\b",
    r"^protocol\b",
    r": (a )?protocol\b",
    r"\bprotocol of (a|an)\b",
    r"\bthis protocol (describes|outlines)\b",
    # a design paper by its genre's name: "(BETACAR study). Rationale and design", "the
    # cardiac insufficiency talinolol study (CITAS) study design"; not "challenges in
    # clinical trial design", which names no study of its own
    r"\brationale,? (and|&) (study )?design\b",
    r"\bdesign,? (and|&) rationale\b",
    # the name is one word, maybe numbered ("(riscis-2)"; the text is lowercased, so no
    # test of capitals): not a design described in brackets ("a quasi-experimental (one
    # group pre-test post-test) study design was used", "a mixed-methods (qual-quan) ...")
    r"\([a-z][a-z0-9]{2,}(-\d+)?\) (study|trial) design\b",
)
# a trial-methods paper by its title's genre: the rationale, design, methods or
# statistical analysis plan of a trial are what the paper reports ("...: Rationale,
# design, and methods", "...: Trial Design and Methods", "Design and implementation of a
# cluster randomized trial", "Experimental design of the EDIPHY trial", "... (AGELESS
# Trial): Study Design"), a study design paper by the labelling rules (protocol,
# docs/design-labelling.md) whatever trial words the title also has.  Title only: an
# abstract's "the design of the trial" describes any trial's methods.  "Design of" asks
# for a trial in the same title part, so that designed molecules, devices and training
# programmes stay what they are (rct20)
PROTOCOL_TITLE = _rx(
    r"\brationale,? (study )?design\b",
    r"\bdesign,? (and |& )?methods\b",
    # "Study Design" closing the title of a named trial, not of a cohort ("The Korean
    # Pregnancy Outcome Study (KPOS): Study Design and Participants", a cohort profile)
    r"\b(trial|rct)\b[^.]{0,150}:\s*(the )?(study|trial) design( and [\w-]+)?[\s.]*$",
    r"^(the |experimental |study )?design,? (and [\w-]+ )?of (the|a|an)\b[^.]{0,150}"
    r"\b(trial|rct)\b",
    r"\bstatistical analysis plan\b",
    r"(^|\. )(a )?rationale for (a|an|the)\b",
)
# a trial described in the future tense: a protocol even if its abstract says what
# "our results will" do, which keeps PROTOCOL out.  The allocation or recruitment in
# the future or the present progressive whatever its subject ("obese women (BMI =
# 30-40) will be randomly assigned", "female hip fracture patients age >= 65 years are
# being recruited"): the paper's own trial is still to run or running (rct20)
PROTOCOL_FUTURE = _rx(
    r"\b(participants|patients|subjects|children|adults) will be (randomi[sz]ed|randomly|"
    r"recruited|allocated|enrolled)\b",
    r"\bwill be (randomi[sz]ed|randomly (assigned|allocated))\b",
    r"\b(are|is) (currently )?being (recruited|enrolled|randomi[sz]ed)\b",
    # ... or under way, its results still to come ("207 have been randomised so far", "the
    # study intends to randomise 400 patients", "the first report of results is expected")
    r"\b(have|has) been (randomi[sz]ed|recruited|enrolled) (so far|to date)\b",
    r"\b(intends|plans) to (randomi[sz]e|recruit|enrol|enroll)\b",
    r"\bresults (is|are) expected (in|by)\b",
    r"\bwe will (perform|carry out|undertake)\b",
    # the sample size's power in the future: a trial still to recruit ("randomizing 9776
    # patients will achieve 80% power")
    r"\bwill (achieve|provide|have|give|yield) (at least )?(an? )?\d+(\.\d+)?\s?% power\b",
    r"\bwe (will|propose to|plan to) (recruit|randomi[sz]e|enrol|enroll|conduct)\b",
    r"\bwe propose an? ([\w-]+ ){0,3}?(randomi[sz]ed|controlled|clinical) ([\w-]+ )?trial\b",
)
# how guidelines name themselves: they are one whatever else the title says
_GUIDELINE_NAMES = (
    r"\bconsensus (conference|guideline|document|report|recommendations)\b",
    # "ACG Clinical Guideline: ...", "... a Multi Society Expert Statement From the ACR";
    # not a title about guidelines ("... to Inform Clinical Guidelines", "Clinical
    # guidelines in SCI: are they followed?")
    r"\bclinical guidelines?\s*:",
    r"\b(expert|multi[\s-]?society|joint|scientific) statement\b",
    r"\brecommendations and key points\b",
)
GUIDELINE = _rx(
    r"\bclinical practice guideline",
    r"\bguidelines?\b for",
    r"\bconsensus statement",
    r"\bposition statement",
    r"\bexpert consensus",
    r"\bdelphi\b",
    r"\brecommendations? (for|on)\b",
    r"\bpractice recommendations",
    r"\bbest practice",
    *_GUIDELINE_NAMES,
)
# names a guideline whatever else the title says about guidelines ("Improving
# adherence to exercise guidelines: a Delphi study"); "DELPHI:", a protein model, not
GUIDELINE_NAMED = _rx(
    r"\b(consensus|position) statement\b",
    r"\bexpert consensus\b",
    r"\b(a|modified|e)[\s-]?delphi\b",
    r"\bdelphi (study|consensus|survey|method|process|panel|technique|approach|rounds?)\b",
    *_GUIDELINE_NAMES,
)
# a title about guidelines rather than one ("Improving compliance with guidelines
# for ...", "Quality of clinical practice guidelines for ...", "Dissolution profiles
# ... defined by Japanese guidelines for bioequivalence")
GUIDELINE_ABOUT = _rx(
    r"\b(adherence|compliance|conformity|concordance|implementation of|implementing|appraisal|"
    r"quality of|uptake|barriers|awareness|knowledge|interpretation|overcoming|defined by|"
    r"according to|review of|comparison of|analysis of|evaluation of) ([\w/-]+ ){0,5}?"
    r"(guidelines?|recommendations|consensus statements?|best practices?)\b",
    # DELPHI, a protein model; "a Delphi consensus", "Delphi study" stay guidelines
    r"^\s*delphi\s*:",
)
# the word after "randomized" is kept so that the decisions can set aside
# "randomized response" (a survey technique), "rule" and "algorithm" without a
# look-ahead, which RE2 lacks
RCT_TITLE = _rx(
    r"\brandomi[sz]ed\b([\s-]+\w+)?",
    r"\bRCT\b",
    r"\b(double|triple)[\s-](blind|masked)(ed)?\b",
    r"\bplacebo[\s-]controlled\b",
)
# a title about trials, not one ("... designing and assessing randomized trials",
# "Non-randomized studies should be considered ..."): the abstract decides
RCT_TITLE_NOT_ONE = _rx(
    r"\bnon[\s-]?randomi[sz]ed\b",
    r"\brandomi[sz]ed[\s,-]+((controlled|clinical|placebo[\s-]controlled|double[\s-]blind(ed)?|"
    r"pragmatic)[\s,-]+){0,3}(trials|studies|rcts)\b",
    r"\b(double[\s-]blind(ed)?|placebo[\s-]controlled)[\s,-]+([\w-]+[\s,-]+){0,2}?(trials|studies)\b",
)
# ... unless the title counts the trials it reports ("Two phase 2b randomized,
# double-blind, placebo-controlled studies", "results from 2 randomized trials")
# ("phase 3 randomized trials" counts nothing: the phrase keeps "phase" so that
# _counts_trials (design_decisions.py) can drop it)
RCT_TITLE_SEVERAL = _rx(
    r"\b(phase )?(two|three|four|\d+) (phase [\w/-]+ )?randomi[sz]ed\b",
)


# the verbs of allocating people at random, one list for RCT_TEXT and RANDOMISED_HERE:
# sorting them into groups, and the authors' own giving of a treatment
_RANDOMLY_SORTED = r"(divided|distributed|split|separated|stratified|placed|sorted)"
_RANDOMLY_GIVEN = r"(given|treated|administered|exposed|offered|prescribed|switched)"

RCT_TEXT = _rx(
    # the phrase runs on to "... trials are lacking" and opens on "is now conducting a"
    # so that _reported_trial (design_decisions.py) can drop trials that are wanted or still running
    # "an open-label, randomised trial" as "a randomised trial" (rct20: open-label
    # randomised trials read as non-randomised by NONRAND's "open-label").  Not a methods
    # label's "Study design: Randomized controlled trial (Level I)": some journals print
    # it over cadaver work and over a trial's secondary analysis (rct20, tried)
    r"\b(this|an?|our|the present|in an?|we (conducted|performed|undertook|report|carried out)"
    r" an?|(is|are) (now |currently )?(conducting|planning|designing|running) an?|"
    r"(rather than|instead of|unlike) an?)\s+"
    r"([\w-]+[\s,]+){0,5}?(randomi[sz]ed|placebo[\s-]controlled)\b" + _IN_SENTENCE + r"{0,60}?"
    # not "studies": "a donor was available, since randomized studies ..." cites others
    # ... or its design ("in a randomized, open-label, two-way crossover design")
    r"\b(trials?|study|design)( (are|is|remain) (still )?(lacking|needed|required|warranted|"
    r"necessary|missing|scarce|underway|ongoing|running|in progress|planned))?",
    # "not randomly assigned" is kept in the phrase so that _reported_trial drops it
    r"\b(not )?randomly (assigned|allocated)\b",
    # randomisation worded without "randomized trial" ("randomly divided into two
    # groups", "random allocation", "randomized conditions", "allocated at random")
    r"\brandomly " + _RANDOMLY_SORTED + r" (in)?to\b",
    r"\brandom (allocation|assignment)\b",
    # the allocation's means named ("were allocated by block randomisation", "assigned
    # using computer-generated randomization")
    r"\b(allocated|assigned|divided) (by|using|with|through) ([\w-]+ ){0,2}?randomi[sz]ation\b",
    # the authors' own verb of giving a treatment, done at random ("patients were
    # randomly given a caudal injection of either saline or ..."); not a sample drawn
    # at random ("randomly selected", "randomly sampled"), which no verb here names
    r"\b(were|was) randomly " + _RANDOMLY_GIVEN + r"\b",
    # the design said as the manner of the study ("to evaluate, in a prospective and
    # randomized fashion, the efficacy of ...")
    r"\bin an? ([\w-]+ (and )?)?randomi[sz]ed (fashion|manner)\b",
    r"\b(assigned|allocated|divided) (at random|randomly)\b",
    r"\bat random (to|into|in)\b",
    r"\brandomi[sz]ed (conditions|crossover|cross-over|order of)\b",
    # blinding and placebo control name a controlled trial without the word
    # "randomized" ("a double-blind, placebo-controlled trial of abecarnil")
    r"\b(double|triple|observer|assessor)[\s-](blind|masked)(ed)?\b",
    r"\bplacebo[\s-]controlled\b",
    r"\b(were|was|being) randomi[sz]ed (to|into|in|"
    r"between|at|1:1|2:1)\b",
    r"\brandomi[sz]ed (1:1|2:1|in a \d:\d)",
    r"\brandomi[sz]ed to (receive|either|one|\w+ or)\b",
    r"\b(participants|patients|subjects|individuals|adults|children|women|men)"
    r" were randomi[sz]ed\b",
    # randomisation as the event the trial is timed by ("following randomization, the
    # patients each received"; "at randomisation"), the noun of the verbs above
    r"\b(after|following|upon|before|prior to|at) randomi[sz]ation\b",
)
# the abstract says its own trial was not randomised; a blinded or placebo-
# controlled phase (the RCT cues without "random") then does not make it an RCT
# ("a nonrandomized, placebo run-in, open-label trial followed by a double-blind
# period"): design_decisions.trial_text
NOT_RANDOMISED = _rx(
    r"\bnon[\s-]?randomi[sz]ed\b",
    r"\b(not|never) (been )?randomi[sz]ed\b",
    r"\bwithout (a |any )?(randomi[sz]ation|randomi[sz]ed)\b",
    r"\bsingle[\s-]arm\b",
)
# the authors allocated people themselves: a verb of random allocation done in
# this study ("patients were randomized to", "we randomly assigned", "were
# allocated at random"), not a trial named as a noun ("a randomized phase 2
# trial", "placebo-controlled studies").  Asked only of a paper that calls itself a
# review (design_decisions.trial_text), where a trial cue is otherwise the
# literature's; of the abstract's own sentences (scope.primary), so in no PatternSet
RANDOMISED_HERE = _rx(
    r"\b(were|was|been|being|are|is) (then |subsequently |prospectively |double[\s-]blind(ly)?,? )?"
    r"(randomi[sz]ed|randomly ((assigned|allocated)|"
    + _RANDOMLY_SORTED
    + "|"
    + _RANDOMLY_GIVEN
    + r"))\b",
    r"\bwe (then |prospectively )?(randomi[sz]ed|randomly (assigned|allocated|divided))\b",
    r"\b(assigned|allocated|divided) (at random|randomly)\b",
)
# a placebo as one arm of the paper's own comparison, randomisation never written
# ("patients were given either placebo (n = 22), alfentanil ...", "metronidazole
# (group A) or placebo (group B)", "compared with placebo, adding betaxolol", "the
# placebo and bisoprolol groups"): parallel groups the investigators treated, which the
# labelling rules call an RCT (docs/design-labelling.md).  Asked of one own sentence at
# a time, only where no trial cue fired (design_decisions.placebo_arm), so in no
# PatternSet; "placebo-controlled" is RCT_TEXT's already
_ARM_NOUN = r"(groups?|arms?|recipients|patients|subjects|participants|controls|cohort)"
PLACEBO_ARM = _rx(
    r"\bplacebo[\s-]+(treated |treatment |control |controlled )?" + _ARM_NOUN + r"\b",
    r"\bplacebos? (and|or|versus|vs\.?) ([\w-]+ ){1,3}?" + _ARM_NOUN + r"\b",
    r"\bplacebos?( tablets?| capsules?| infusions?| injections?)? \((n\s*=|group)",
    r"\b(compared (with|to)|versus|vs\.?|or|than|and) (\(\w\) )?(a |an |the |matching |"
    r"matched |identical |inactive |saline )?placebos?\b",
    r"\b(received|receiving|given|administered|took|taking) (either )?(a |an |the |matching |"
    r"identical |oral )?placebos?\b",
)
# a sentence whose comparison is other studies' ("in comparative trials ... and placebo
# were compared", "the six largest supplementation studies ... compared with the placebo
# groups", "a review of all clinical trials that compare beta-blockers vs. placebo"):
# studies in the plural are its subject, so its arms are theirs
PLACEBO_OTHERS = _rx(r"\b(trials|studies|rcts|reviews|meta[\s-]?analys[ie]s|literature)\b")
# the paper names research of its own in words, not only in figures a review may quote
# (RESEARCH_OWN without its statistics and counts: "95% ci" and "5000 episodes" are
# a review's too): a first-person research verb, a methods or results section, the
# passive of what was done to the people studied
OWN_RESEARCH_WORDS = _rx(
    r"\bwe (studied|examined|measured|analy[sz]ed|investigated|found|enrolled|evaluated|"
    r"assessed|compared|performed|conducted|recruited|observed|treated|used|administered|"
    r"gave|tested|included|randomi[sz]ed|allocated|assigned)\b",
    r"\b(methods?|results?|patients and methods|materials and methods|design|setting|"
    r"participants|interventions?)\s*:",
    r"\b(were|was) (given|administered|treated|enrolled|recruited|included|randomi[sz]ed|"
    r"assigned|allocated|studied|tested|examined|evaluated|assessed|measured|followed)\b",
    r"\b(this|the present|the current|our) (study|trial|investigation|experiment)\b",
)
# ... but not a within-person comparison or a phase of the trial: a crossover, a
# placebo run-in, washout or lead-in (the rule is about parallel groups), nor a trial
# that says it is uncontrolled
PLACEBO_NOT_PARALLEL = _rx(
    r"\bcross[\s-]?over\b",
    r"\bplacebo[\s-](run[\s-]?in|wash[\s-]?out|lead[\s-]?in)\b",
    r"\bopen[\s-]label\b",
    # the same people on placebo and drug in turn: sessions, occasions or study days
    # ("on two separate occasions", "each subject was exposed to three situations", "the
    # three sessions", "alternated across days")
    r"\b(two|three|four|five|separate|different|consecutive) ([\w-]+ )?(occasions|sessions|"
    r"study days|test days|experimental days|periods|situations|phases)\b",
    # phases of the same people's cycle or course ("during both the follicular and luteal
    # phases", "at the follicular, periovulatory, and luteal phases"; fixd8)
    r"\b(both|all|each of) (the )?([\w,-]+ ){0,4}?phases\b",
    r"\b(follicular|luteal) ([\w,-]+ ){0,3}?phases?\b",
    r"\beach (subject|patient|participant|volunteer|child)\b",
    r"\balternated\b",
)
# an open study or trial of the paper's own ("an open multicentre study", "this open
# follow-up study"): its placebo is a single test dose, a run-in or a former trial's
# arm, not a parallel blinded arm; blocks the placebo-arm rule even where "random" is
# written (a former randomisation, a randomised parent trial).  "Open-label" stays a
# within-person word (PLACEBO_NOT_PARALLEL) that "random" lifts: an open-label day
# after a randomised crossover (fixd8)
PLACEBO_OPEN = _rx(
    r"\bopen,? (multi-?cent(re|er|ric) |follow-up |non-?comparative |uncontrolled |prospective |"
    r"pilot |extension )*(study|trial|phase|extension)\b",
)
# a trial the authors plan or call for, not the one they report ("to inform a
# definitive randomised trial", "larger randomized trials are needed"); asked
# of a matched phrase only, so it is in no PatternSet
RCT_PLANNED = _rx(
    # ... or other people's ("a previous randomized trial found", "the landmark ..."; not
    # "recent", "pivotal" or "previously registered", which describe one's own as well)
    r"\b(previous|prior|earlier|landmark|seminal|published)\b",
    # "the parent trial" of an extension is one before it too; not "a parent-training
    # trial" (fixr20)
    r"\bparent (trial|study|rct)\b",
    # ... or the trials a review pools ("a meta-analysis of randomized controlled trials"),
    # or the trial an open-label extension follows ("an open-label extension of a
    # randomised trial": its people were randomised before, this phase gives everyone the
    # drug, a non-randomised trial by docs/design-labelling.md; fixr20)
    r"\b(reviews?|meta[\s-]?analy\w*|overview|analys[ie]s|synthesis|extension) of\b",
    r"\b(future|definitive|larger|subsequent|planned|further|full[\s-]scale|large[\s-]scale|"
    r"adequately[\s-]powered|well[\s-]designed|rather than|instead of|unlike)\b",
    # wanted or still running, said after the trial ("... trials are lacking") or
    # before it ("... is now conducting a"); not "in this ongoing randomized trial we
    # report interim results"
    r"\b(are|is|remain|(seems?|appears?)( to be)?) (still )?(lacking|needed|required|warranted|"
    r"necessary|missing|scarce|"
    r"underway|ongoing|running|in progress|planned)$",
    r"^(is|are) (now |currently )?(conducting|planning|designing|running)\b",
)
RCT_EXCLUDE = _rx(
    r"\b(rats|mice|animals|dogs|pigs|rabbits) were randomly",
    # a model's data split: "patients were randomly assigned to training and test cohorts";
    # not a trial's "randomly allocated to the test group (laser) or the control group"
    r"\brandomly (assigned|allocated|divided|split|separated) (in)?to (the |a |an )?(training|"
    r"test|testing|validation|derivation|development|discovery)( and (the )?\w+)? (sets?|"
    r"cohorts?|datasets?|data sets?|samples?|subsets?)\b",
    r"\bmendelian randomi[sz]ation\b",
    r"\b(post[\s-]hoc|secondary|exploratory|ancillary) analys[ie]s of\b",
)
# a new analysis of one trial's data compares its arms: NLM indexes it as the
# trial ("a post hoc analysis of the phase IIIb REALISTIC trial"); analyses
# pooling several trials ("of four randomized trials") are not, and neither is
# one that reads the trial's baseline data as a cross-sectional sample
RCT_SECONDARY = _rx(
    r"\b(post[\s-]hoc|secondary|exploratory|ancillary|pre-?specified) analys[ie]s of "
    r"(the|a|an|data from (the|a|an)) ([\w-]+[\s,]+){0,8}?(trial|rct)\b"
)
# several trials as the paper's own unit of analysis: their data pooled, combined or
# analysed together ("a pooled analysis of four randomized trials", "data from three
# randomised trials were pooled", "a post hoc analysis of two phase III trials",
# "individual patient data from 5 trials").  By the labelling rules
# (docs/design-labelling.md) a meta-analysis of trials, individual-patient-data
# pooling included, is a systematic review; a new analysis of one trial stays the
# trial (RCT_SECONDARY).  A count of at least two, as the object of the pooling or
# the analysis, not a mention: "in two randomized trials, X reduced ..." alone is a
# review's citation (sr19, issue 19)
_TRIALS_COUNTED = (
    r"(the |these |data (from|of) (the )?)?([2-9]|[1-9]\d|" + _COUNT_WORDS[1:-1] + r") "
    r"([\w,-]+ ){0,6}?(trials|studies|rcts)\b"
)
POOLED_TRIALS = _rx(
    r"\b(pooled|combined|integrated|joint|aggregated?) ([\w-]+ ){0,2}?(analys[ie]s|data|"
    r"results|data ?sets?) (of|from|across) " + _TRIALS_COUNTED,
    r"\b(post[\s-]hoc|secondary|exploratory|ancillary|pre-?specified) analys[ie]s of "
    + _TRIALS_COUNTED,
    r"\bindividual[\s-](patient|participant)[\s-](level )?data (of|from|across) "
    + _TRIALS_COUNTED,
    r"\b([2-9]|[1-9]\d|" + _COUNT_WORDS[1:-1] + r") ([\w,-]+ ){0,6}?(trials|studies|rcts) "
    r"(were|was) (pooled|combined|integrated|meta-analy[sz]ed)\b",
    r"\bdata (from|of) (the )?([2-9]|[1-9]\d|" + _COUNT_WORDS[1:-1] + r") ([\w,-]+ ){0,6}?"
    r"(trials|studies|rcts) (were|was) (pooled|combined|integrated|analy[sz]ed)\b",
)
# a title that names the pooling ("...: a pooled analysis", "an integrated analysis
# of ...", "individual patient data"), beside an abstract that counts the trials
# ("in four randomized, double-blind, 12-week studies")
POOLED_TITLE = _rx(
    r"\b(pooled|integrated|combined) ([\w-]+ ){0,2}?analys[ie]s\b",
    r"\bindividual[\s-](patient|participant)[\s-](level )?data\b",
)
TRIALS_COUNTED = _rx(r"\b(of|in|from|across) " + _TRIALS_COUNTED)
# a pooled analysis cited as a finding, the sentence holding it opening (after a
# section label) on an indefinite or earlier analysis and saying what it showed
# ("Background: A pooled analysis of three randomized trials showed that X reduced
# pain", "a previous post hoc analysis of two phase III trials found"): the
# literature's, in a trial's introduction, not the paper's design.  The paper's own
# pooling says "were pooled", "was performed" or "this pooled analysis" (fixsr19)
CITED_POOLING = _rx(
    r"^\W*([a-z ]{1,40}:\s*)?(an?|one|another|previous|prior|earlier|published|recent)\b"
    r"[^.]{0,300}?\b(showed|shown|found|demonstrated|suggested|reported|revealed|indicated|"
    r"concluded)\b",
)


# a title that asks a question other than the randomised comparison: what predicts
# or goes with an outcome, a prognosis, a test's accuracy ("The CYP2C9 genotype
# predicts the blood pressure response to irbesartan", "Relation of low body mass to
# death and stroke in the SHEP", "Accuracy of CLOtest after therapy", "Factors
# determining the response to enalapril and nifedipine").  By the labelling rules
# (docs/design-labelling.md) a trial's people analysed for such a question are an
# observational study (secondary analysis whose question is not the randomised
# comparison; prognostic and diagnostic-accuracy studies); the trial's
# randomisation named in the abstract is where the people came from (rct10)
OTHER_QUESTION_TITLE = _rx(
    r"\bpredict(s|ed|ing|ion|ive|ors?)?\b",
    r"\bprognos(is|tic)\b",
    r"\b(factors|variables|parameters) (determining|associated with|influencing|affecting|"
    r"predicting|predictive of|related to)\b",
    r"\bdeterminants? of\b",
    r"\brelation(ship)? (of|between)\b",
    r"\bassociations? (of|between)\b",
    r"\bcorrelat(es?|ion) (of|between)\b",
    r"\baccuracy of\b",
)
# ... unless the title also names the treatment's effect or a comparison of the
# arms ("Effects of antihyperglycaemic therapies on proinsulin and relation between
# ...", "Neurohumoral prediction of benefit from carvedilol"): then the randomised
# comparison is the question
TREATMENT_EFFECT_TITLE = _rx(
    r"\b(effects?|efficacy|effectiveness|safety|benefits?|versus|vs|compared|comparison|"
    r"comparing|superior|inferior|improves?|reduces?|prevents?)\b",
    # a verb saying what the treatment does ("Ketamine modulates the neural correlates
    # of reward processing": "correlates" there are the brain's, the drug's effect is
    # the question)
    r"\b(modulates?|alters|increases|decreases|enhances|attenuates|impairs|induces|"
    r"lowers|raises|restores|normali[sz]es|worsens)\b",
    # a dose-response relation is the effect of the doses compared, the randomised
    # comparison of a dose-ranging trial ("Dose-response relationship of clonidine
    # with epidural ropivacaine"), not a predictor's relation to an outcome (fixr10:
    # 4 of rct10's 73 unkeyed changes, all wrong)
    r"\bdose[\s-]+(response|effect|finding|ranging)\b",
)
# the part of a title that names where the data came from ("...: results from the
# Swedish Irbesartan ... vs Atenolol (SILVHIA) trial", "... in the X study"): a
# trial's name there is the source, and a "vs" or "effects" inside it is the
# trial's comparison, not the paper's question (nrt11); _other_question reads
# the title's question without it
TITLE_SOURCE = _rx(
    r"[:.;]\s?(results|data|findings|a report|an analysis|observations) (from|of|in) "
    r"(the|a|an)\b[^:;]{0,200}$",
)
RCT_SECONDARY_AS_COHORT = _rx(
    r"\bbaseline data\b",
    r"\bcross[\s-]sectional\b",
    r"\bnon[\s-]?randomi[sz]ed\b",
    r"\bsingle[\s-]arm\b",
)
# who a case report is about, after "we report a ...", "a 45-year-old ..."
_PERSON = (
    r"(cases?|patients?|man|woman|boys?|girls?|child|children|infants?|neonates?|"
    r"newborns?|babies|baby|toddlers?|adolescents?|teenagers?|adult|males?|females?|lady|fetus|"
    r"gentleman|siblings|twins|sisters|brothers|mother|primipara|multipara|"
    r"primigravida|multigravida|gravida|observations?|athletes?|veterans?)"
)
# what may stand between "a" and one person's age: adverbs and a state of health
# ("a previously healthy", "an otherwise well", "a normally developing")
_SINGLE_MODIFIERS = r"(([a-z]+ly|healthy|well|developing) ){0,2}"
_AGE_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|[a-z]+ty-[a-z]+"
)
# the person of a case, narrower: "a new family" of compounds is not one
_PATIENT = (
    r"(cases?|patients?|man|men|woman|women|boys?|girls?|child|children|infants?|neonates?|"
    r"newborns?|fetus|fetuses|siblings|twins|sisters|brothers)"
)
_NUMBER = r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d)"
# in a title or an abstract: phrases in which authors present their own case(s)
CASE = _rx(
    r"\bcase reports?:",
    r"\b(this|our|the present|a|an) ([\w-]+ ){0,2}?case report\b",
    r"\b(this|our|the present|a|an) case series\b",
    # structured-abstract labels of case reports (CARE guideline and journals' own)
    r"\bcase (presentation|description)\b",
    r"\b(case (summary|details|history|illustration)s?|patient concerns|lessons)\s*:",
    r"(^|[.]\s+)cases?( \d)?:",
    # not "we discuss the fact that patients" or "we present evidence that the rho family"
    r"\bwe (here )?(report|present|describe|saw|encountered) ([a-z,-]+\s+){0,4}?" + _PERSON + r"\b",
    r"\bwe (here )?(report|present|describe) (a|an|one|two|three) ([a-z,-]+\s+){0,2}?"
    r"(famil(y|ies)|kindreds?|pedigrees?)\b",
    r"\b(cases?|patients?) (is|are) (presented|described|reported)\b",
    # third-person and passive presentations ("the authors describe the case of", "a
    # case of X is being reported", "the case of a boy is presented here")
    r"\bthe authors (report|describe|present|discuss) (a|an|the|two|three) ([\w,-]+ ){0,3}?"
    + _PERSON
    + r"\b",
    r"\b(describes?|reports?|presents?|described|reported|presented) the case of\b",
    # "this report describes 11 patients": the cue with its own count, before the bare
    # cue below, so that the count is read (11: more than a case series holds; med9)
    r"\b(this|the|the present) (article|paper|report|letter) (describes|reports|presents) (the )?"
    r"(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|twenty) ([a-z,-]+\s+){0,2}?"
    + _PERSON
    + r"\b",
    # "this report describes a 19-year-old man" (not "in a case of": a staining "in a
    # case of the new clone")
    r"\b(this|the present) (case )?(report|communication) (describes|presents|reports)\b",
    r"\bcase\b" + _IN_SENTENCE + r"{0,80}? (is|are) (being |here |herein )?(reported|described|"
    r"presented)( here(in)?)?\b",
    r"\bcases? (described|reported|presented) (here|herein)\b",
    r"\bseries (is|was) (presented|described|reported)\b",
    # "we report 5 patients who", "we report 2 cases of"
    r"\bwe (here )?(report|present|describe) ([1-9]|[12]\d) ([a-z,-]+\s+){0,2}?" + _PERSON + r"\b",
    # "we describe the sonographic features of X in two children", "... of three 46,XY
    # patients": the words between the number and the person are not "of" ("in a
    # cohort of patients" is no case)
    r"\bwe (here )?(report|present|describe|highlight)\b"
    + _IN_SENTENCE
    + r"*?\b(of|in) "
    + _NUMBER
    + r" ([\w,-]{3,} ){0,2}?"
    + _PATIENT
    + r"\b",
    # a narrative that opens on its patient: "A patient with a pacemaker was admitted"
    r"(^|[.;:]\s+)an? ([\w-]+ ){0,2}?(patient|man|woman|boy|girl|child|infant|neonate|"
    r"newborn|fetus) (with|who|was|presented|developed|had|underwent|received|came)\b",
    r"\b(this is|we (describe|report|present)) an? (rare|unique|unusual|uncommon|atypical) "
    r"(presentation|case|complication|manifestation|cause)\b",
    # "a 29-year male"
    r"\b(a|an) \d{1,3}[\s-](year|month)s?[\s-]?(male|female|man|woman|boy|girl)\b",
    r"\bof this (article|paper|report|letter) (is|was) to (describe|report|present) (the )?"
    + _NUMBER
    + r" ([a-z,-]+\s+){0,2}?"
    + _PERSON
    + r"\b",
    # a small series: "six children with NPC are described", "seven cases of X were encountered"
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d) ([\w'-]+ ){0,2}?"
    r"(patients|cases|children|adults|infants|men|women|boys|girls) ((with|of) [\w'-]+"
    r"( [\w'-]+){0,3} )?(are|were) (described|presented|encountered)\b",
    # ... and its subject far from the verb, in one sentence: "Three patients with SCAD who
    # were treated with X are presented."
    r"(^|[.]\s+)(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d) ([\w'-]+ ){0,2}?"
    r"(patients|cases|children|adults|infants|men|women|boys|girls)\b"
    + _IN_SENTENCE
    + r"*? (are|were) "
    r"(described|presented)\b",
    r"\bare the subjects? of this report\b",
    # one person by age: "a 45-year-old man", "a previously healthy 54-year-old woman",
    # "an otherwise well 8-year-old who developed"; the modifiers are adverbs and a
    # state of health, never "a group of" or "a cohort of" (a sample of people)
    r"\b(a|an) "
    + _SINGLE_MODIFIERS
    + r"(\d{1,3}|"
    + _AGE_WORDS
    + r")[\s-](year|month|week|day)s?[\s-]old ([a-z,-]+\s+){0,3}?"
    + _PERSON
    + r"\b",
    # ... the age alone as the person, before what they did ("a 54-year-old who
    # developed", "a 36-year-old, previously healthy, presented"): singular "year"
    r"\b(a|an) "
    + _SINGLE_MODIFIERS
    + r"(\d{1,3}|"
    + _AGE_WORDS
    + r")[\s-](year|month|week|day)[\s-]old,? (who|with|was|presented|developed|had|"
    r"underwent|received|came|complained|suffered)\b",
    # ... or named again in the singular: "the 34-year-old patient presented", "our
    # 6-month-old boy"
    r"\b(the|our|this) (\d{1,3}|"
    + _AGE_WORDS
    + r")[\s-](year|month|week|day)[\s-]old (patient|man|woman|boy|girl|child|infant|"
    r"neonate|male|female|lady|gentleman)\b",
    # "this case highlights", "our patient underwent"; not "in this case," (in this
    # situation), "this case-control study" or "our patient population"
    r"\b(this|our) (case|patient|child|infant|boy|girl|man|woman)('s| (is|was|had|has|"
    r"highlights?|illustrates?|demonstrates?|shows?|showed|underlines?|emphasi[sz]es|suggests?|"
    r"presented|developed|underwent|received|represents?|adds|expands|raises|reminds|also|"
    r"reports?|describes?|presents?|details|documents)\b)",
    # "fibroblasts from this patient exhibited", "in our patient, ..."; not "in this
    # patient population"
    r"\b(from|of|in) (this|our) (patient|child|infant|boy|girl|man|woman)([,.;)]| \w+ed\b| "
    r"(was|had|is|has|with|who)\b)",
    r"\b(this|our|first|rare|unusual|interesting|unique) case (of|with|where|who)\b",
    # "a case of" opening a sentence or after a verb of reporting, not "in a case of the
    # clone" in a series or "was a case of bilateral tumours"
    r"(^[\s\[(]*|[.:;]\s+|\b(reports?|reported|present|presents|presented|describes?|described|"
    r"introduces?|discuss|discusses|discussed|saw|encountered|is)\s+)(a|an) case "
    r"(of|with|where|who)\b",
    # a narrative of one patient: "the patient underwent", "she presented with"
    # opening its clause ("After surgery, the patient recovered"): not "if the patient
    # was unable" or "the day the patient received"
    r"(^|[.;:,]\s+|\b(and|but|then|unfortunately|subsequently|finally|later|eventually),?\s+)"
    r"(the patient|he|she) (also |then |later |initially |subsequently |\w+ly )?"
    r"(was|had|"
    r"presented|underwent|developed|received|complained|died|recovered|denied|required|"
    r"remained)\b",
    r"\bpresented (to|at|with)\b" + _IN_SENTENCE + r"{0,80}\b(history|complaint|pain|weakness)",
)
# a title that names the design is one, even beside "review" ("... : a case
# report and review of the literature" is indexed as a case report)
CASE_NAMED = _rx(
    r"\bcase reports?\b",
    r"\bcase series\b",
    # not "report of a case-control study"; up to ten cases, the labelling rules' largest
    # series described as cases ("A report of four cases and review of the literature", med9)
    r"\b(presentation|description|report) of (a|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|[1-9]|10) cases?([\s.,;:)\]]|$)",
)
# in a title only, unless it says "review": how case reports are titled ("... in a 54-year-old man",
# "A rare cause of ...", "... masquerading as ...", "... : a case report")
CASE_TITLE = _rx(
    # "in two breastfed infants", not "in two cohorts of patients"
    r"\bin (two|three|four|five|2|3|4|5) ([\w-]{3,}[\s,]+){0,3}?" + _PATIENT + r"\b",
    r"\bin an? ([\w-]+[\s,]+){0,3}?(man|woman|patient|child|boy|girl|infant|neonate|newborn|"
    r"recipient|athlete|adolescent|toddler)\b",
    # "a case", "two cases", "an unusual case": not "a case-control study"
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|rare|unusual|uncommon|"
    r"unique|interesting|fatal|first|index|atypical|peculiar|instructive|illustrative|infrequent|"
    r"challenging|exceptional|single) ([\w]+ ){0,2}?cases?(\s*[:,.;)\]]|$| (of|with|in|report|"
    r"series|presentation)\b)",
    r"(^|[:.]\s*)cases? (of|with)\b",
    # a case numbered in a title series: "Index of suspicion. Case 3. Strangulated hernia"
    # (a case-challenge column; med9), not "Case 3 of the trial" mid-title
    r"(^|[:.]\s*)case (\d{1,2}|[ivx]{1,4})\s*[.:]",
)
# weaker cues of the same kind: a laboratory paper may mimic or present too
CASE_TITLE_WEAK = _rx(
    r"\b(masquerading|presenting|manifesting|disguised) as\b",
    # "... mimicking appendicitis", not an "enzyme-mimicking" nanoparticle
    r"(^|\s)mimick?ing\b",
    r"\bpresenting with\b",
    r"\b(rare|unusual|uncommon|atypical|unexpected|exceptional) (cause|case|presentation|"
    r"complication|manifestation|association|location|locali[sz]ation|site|finding|"
    r"occurrence)",
)
# journals that publish case reports ("BMJ Case Reports", "Case Reports in Surgery",
# "Journal of Cardiology Cases", "Spinal Cord Series and Cases"): there a paper
# whose text names no other design is one
CASE_JOURNAL = _rx(r"\bcase reports?\b", r"\bcases\b")
# "qualitative" as research, not as chemistry or grading ("qualitative chemical
# analysis", "a qualitative measure", "qualitative or semiquantitative")
QUAL = _rx(
    r"\bqualitative(,? |-)(descriptive |exploratory |interpretive |phenomenological |"
    r"ethnographic |in-depth |participatory |telephone |individual |secondary |longitudinal |"
    r"narrative )?(study|studies|research|interviews?|approach|design|descriptive\b|"
    r"description\b|inquiry|exploration|methods?\b|methodology|data\b|strand|content analysis|"
    r"case ?stud|"
    r"thematic|phenomenolog|ethnograph|survey|secondary analysis|"
    r"interview study|analysis of (the )?(data|interviews|transcripts|responses|comments|"
    r"narratives|focus))",
    r"\b(thematic|inductive|deductive|framework) qualitative\b",
    r"\bqualitative analysis (revealed|identified|yielded|generated|produced) ",
    r"\bsemi[\s-]?structured interviews?\b",
    r"\bfocus groups?\b",
    r"\bthematic analysis\b",
    # the same analysis said by its verb (docs/design-labelling.md: "open answers
    # analysed thematically"); the people obs20's rule reads as a cohort were heard
    # ("interviews were thematically analyzed": fixo20)
    r"\bthematically (analy[sz]ed|coded)\b",
    r"\b(analy[sz]ed|coded) thematically\b",
    r"\binterview study\b",
    r"\binterpretative phenomenological",
    r"\bgrounded theory\b",
)
# a title that names a qualitative design wins over the trial it is part of or
# plans ("... feasibility of a randomised controlled trial: a focus group study")
QUAL_TITLE = _rx(
    r"\bqualitative (study|research|evaluation|exploration|inquiry|interview|descriptive|"
    r"findings)",
    # "...: a qualitative analysis", "A qualitative analysis of patients' experiences",
    # not chemistry's "Qualitative analysis of phenolic compounds" (nor, in an
    # abstract, where "a qualitative ..." would cost every "a " a scan)
    r":\s*(an? )?qualitative analysis\b",
    r"\bqualitative analysis of ([\w'-]+ ){0,3}?(experiences?|perspectives?|views|perceptions?|"
    r"narratives?|interviews|attitudes|beliefs|accounts|stories|voices|behaviou?rs|discussions|"
    r"responses|comments)\b",
    r"\bfocus groups? (study|discussions?)\b",
    r"\binterview study\b",
    r"\bsemi[\s-]?structured interviews?\b",
)
NONRAND = _rx(
    r"\bnon[\s-]?randomi[sz]ed\b",
    r"\bsingle[\s-]arm\b",
    r"\bopen[\s-]label\b",
    r"\bphase (i|ii|1|2|1/2|i/ii)\b (trial|study)",
    r"\bpilot (trial|study)\b",
    r"\bfeasibility (trial|study)\b",
    r"\bclinical trial\b",
    r"\bpre[\s-]?post\b",
    r"\bquasi[\s-]experimental\b",
    r"\bintervention study\b",
    # a trial named by how it ran rather than by randomisation ("a prospective open
    # trial", "an uncontrolled pilot trial", "an open, non-blinded trial"): the
    # qualifier says nobody was randomised, "trial" that the investigators gave
    # the treatment (a "prospective study" is a cohort: OBS)
    r"\b(open|uncontrolled|non[\s-]?controlled|prospective|unblinded|non[\s-]?blinded)"
    r"[\s,]+([\w-]+[\s,]+){0,2}?trials?\b",
)
# "non-randomized" said of a study of care the clinicians or patients chose, not of an
# allocation the investigators made (docs/design-labelling.md: a non-randomised
# comparison of interventions chosen by clinicians is observational): the word's
# own sentence names an observational design or the care the people chose or
# underwent ("a retrospective non-randomized case-control study", "a multicentre,
# nonrandomized prospective cohort study of patients undergoing either HP or IAPE",
# "a retrospective nonrandomized investigation"), and names no trial and no
# allocation by the investigators (obs19)
NONRAND_WORD = _rx(r"\bnon[\s-]?randomi[sz]ed\b")
NONRAND_CHOSEN = _rx(
    r"\bretrospective(ly)?\b",
    r"\bcase[\s-]control\b",
    r"\bregistry\b",
    r"\bchart (review|analysis)\b",
    r"\bmedical records\b",
    r"\bobservational\b",
    r"\b(who|patients|subjects) (chose|underwent|undergoing|elected|opted|preferred)\b",
)
NONRAND_ASSIGNED = _rx(
    r"\btrials?\b",
    r"\b(assigned|allocated|allocation)\b",
)
# ... a "cohort" word alone says how the people were grouped, not who chose their
# care: it makes the study one of chosen care only where the paper's own sentences
# give no dose (a "prospective, nonrandomized, clinical study of a cohort of 13
# patients" infiltrated with 0.9 mg of a drug is the investigators' trial)
# (fixo19 review of obs19)
NONRAND_COHORT = _rx(r"\bcohort\b")
# a trial word (NONRAND) names the paper's own trial only when its participants
# received the assigned intervention (docs/design-labelling.md); not when the trial
# is the data source of a secondary analysis or a model, nor when the word
# qualifies a measurement design (nrt8).  TRIAL_AS_SOURCE: the paper took data,
# samples or patients from a trial, or names an analysis done on such data
# samples from a trial (TRIAL_DATA_FROM) are asked of the abstract's own sentences
# only: a title's "safety data from a prospective open trial" reports its own trial
TRIAL_DATA_FROM = _rx(
    r"\b(data|samples?|patients|participants|subjects|specimens)\b[^.;]{0,80}? "
    r"(from|obtained from|collected (in|during)|pooled from) "
    r"(the |a |an |our |two |three )?([\w/()-]+ ){0,4}?"
    r"(open[\s-]label|single[\s-]arm|non[\s-]?randomi[sz]ed|phase (i|ii|iii|1|2|3|1/2|i/ii)\b|"
    r"clinical trials?\b|pilot trial)",
)
TRIAL_AS_SOURCE = _rx(
    r"\b(conducted|performed|done|carried out) as (a )?part of (a|an|the) ([\w/()-]+ ){0,4}?"
    r"(trial|study)",
    r"\bexposure[\s-]response\b",
    r"\bpopulation pharmacokinetic",
    r"\bpharmacokinetic([\s/-]pharmacodynamic)? model",
    r"\bpharmacometric",
    r"\b(post[\s-]?hoc|secondary|ancillary|exploratory) analys[ie]s of\b",
    r"\bancillary stud",
)
# MEASUREMENT_DESIGN: the paper studies a test or a measurement (its reliability,
# reproducibility, agreement or diagnostic validity); a "non-randomized" or
# "trial" there orders tests or names the study, and nobody was given a treatment
MEASUREMENT_DESIGN = _rx(
    r"\b(reliability|reproducibility|test[\s-]retest|inter[\s-]?rater|intra[\s-]?rater|"
    r"limits of agreement|bland[\s-]altman|diagnostic (accuracy|validity|value|performance))\b",
)
# what investigators do to the people of their own intervention study without
# randomising them, asked only of a paper that names no design but counts its
# people (design_decisions.counted_people): they assign or allocate them to a
# treatment or group, enrol them, cross them over between treatments, or subject
# them to a regimen; not "allocated by age to three groups", which sorts
# patients a clinic treated
ALLOCATED = _rx(
    r"\b(were|was) (assigned|allocated) to (receive|treatment|therapy|the|a|an|one|either|"
    r"each|groups?)\b",
    r"\b(were|was) enrolled (in|into)\b",
    r"\bcross[\s-]?over\b",
    r"\b(were|was) subjected to\b",
)
# people by what they are, for a count the participant grammar read where no
# population word was found (design_decisions.counted_people): a closed class of
# nouns for people, so that counted trees, plant families or specimens are not
# ("individuals", "members", "males" and "females" are said of animals and plants too)
# ("parents" and "drivers" are left out: breeding papers' parent fish or plants and
# genomics' mutational drivers name no people; other9's one wrong "parents" change)
PEOPLE_NOUN = _rx(
    r"\b(infants|newborns|neonates|children|boys|girls|adolescents|youths?|teenagers|"
    r"students|pupils|players|athletes|workers|employees|soldiers|nurses|"
    r"physicians|doctors|clinicians|teachers|mothers|fathers|respondents|"
    r"volunteers|persons|people|men|women|offenders|residents|veterans|smokers)\b",
)
# an intervention delivered to the people a PEOPLE_NOUN count names (students
# taught, a programme run, a training attended): the investigators gave something,
# so not an observation of them (fixo9 review of other9: the wrong changes were
# teaching and learning interventions, read as observed).  Asked only where no
# population word was found (design_decisions.counted_people); the noun must be the
# delivered thing's, not "intervention strategies" in a conclusion
DELIVERED = _rx(
    r"\b(intervention|training|program|programme|course|curriculum|workshop|module|lesson)s? "
    r"(was|were) (delivered|implemented|given|provided|conducted|offered|taught|introduced)\b",
    r"\b(after|before|following|pre|post)[\s-](the |each |this )?(intervention|training|"
    r"program|programme|course|workshop|teaching)s?\b",
    # an experiment of the paper's own on its people ("in the current experiment, 138
    # university students learned ...")
    r"\b(the|this|our) (current |present )?experiments?\b",
    r"\b(participated in|completed|attended|received|underwent|took part in) (an?|the|our) "
    r"([\w-]+ ){0,3}?(intervention|training|program|programme|course|workshop|lessons?)\b",
    r"\b(the|an?) (experimental|intervention) (group|condition|arm)\b",
)
# the investigators gave a dosed treatment to the people of their own study: one
# sentence says they received, were given or were administered something and
# names a dose per weight, body area or time ("received cisplatin 40 mg m(-2)
# weekly", "was given 200 mg/m2"); what a trial without randomisation reports of
# its arm.  Asked only of the abstract's own sentences (scope.primary), by the two
# decisions that would otherwise call such a paper observational for want of a
# design word: counted_people, and a "prospective" or "consecutive patients" cue
# that is the only sign of observation (a cohort named as such stays one)
ADMINISTERED = _rx(
    r"\b(received|were given|was given|were treated with|(was|were) (administered|administrated))\b"
    + _IN_SENTENCE
    + r"{0,150}?"
    + r"\b\d+(\.\d+)?\s?(mg|µg|μg|mcg|microg|micrograms?|g|iu|units?|ml)\s?(/|per |a |x )?\s?"
    r"(kg|m2|m\(2\)|m\(-2\)|m\b|day|d\b|daily|week|wk|h\b|hour|min)"
)
# a dose the investigators gave the people they count, said without a dose rate
# (what ADMINISTERED needs): a verb of giving with a drug dose in its sentence
# ("received intravesical (15 mg three times daily) ...", "were treated for seven
# days with bismuth subcitrate 120 mg", "received a single dose of 25 mg"), or a
# dose followed by its arm's count ("75 microg clonidine (n = 20) or 50 microg
# fentanyl (n = 21)").  Asked only by counted_people, of a paper that names no
# design but counts its people: who was given what by whom, not a dose a cohort's
# clinicians prescribed, which a cohort names as such; not "units", which a
# registry counts of transfused blood ("received fewer units of RBC") (nrt11)
DOSE_GIVEN = _rx(
    r"\b(received|were given|was given|were treated|was treated|were administered|"
    r"was administered|were administrated|was administrated|was performed with|"
    r"were performed with)\b",
)
# ... and the dose, looked for after the verb up to the sentence's end by
# design_decisions._dose_given (two patterns rather than one that spans the
# sentence: a bounded run of 120 characters between them made RE2's DFA ~1% of
# classify_many's instructions, and an unbounded one backtracks under ``re``)
_DOSE = r"\b\d+(\.\d+)?\s?(mg|µg|μg|mcg|microg|micrograms?|iu)\b"
DOSE = _rx(_DOSE)
# a dose followed by its arm's count: "60 microg drug A (n = 22)" (one dose
# pattern for both, fixn11)
DOSE_ARM = _rx(_DOSE + r"[^.;()]*\(n\s?=\s?\d+\)")
# the dose units DOSE_GIVEN needs, asked as substrings first (design_decisions._dose_given)
DOSE_UNITS = ("mg", "µg", "μg", "mcg", "microg", "iu")
# a model of a hypothetical cohort, not people observed (docs/design-labelling.md:
# economic models are "other"): a decision-analytic model, a decision tree, a
# Markov or (micro)simulation model, a cost-effectiveness or expected-cost model,
# a simulated or hypothetical cohort.  A cohort or survey word in such a paper
# names the model's population or where its inputs came from (obs19)
DECISION_MODEL = _rx(
    r"\bdecision[\s-]analytic",
    r"\b(state[\s-]transition|micro[\s-]?simulation|simulation|economic|"
    r"cost[\s-]effectiveness|cost[\s-]utility) (decision |cohort |analytic |analytical )?models?\b",
    r"\b(hypothetical|simulated|modell?ed|virtual) cohorts?\b",
)
# a decision tree or a Markov model is also a statistical or machine-learning
# method on a real cohort ("a decision tree model predicted discharge"; a hidden
# Markov model of speech): a model of care only where the paper counts costs
# (ECONOMIC) (obs19: 10 of 10 such update-file changes without cost words were
# cohorts or laboratory work)
DECISION_TREE = _rx(r"\bdecision[\s-]trees?\b", r"\bmarkov (decision |cohort )?models?\b")
ECONOMIC = _rx(
    r"\bcost[\s-](effective|utility|benefit|per\b|saving)",
    r"\bexpected costs?\b",
    r"\bqalys?\b",
    r"\bquality[\s-]adjusted life",
    r"\bincremental cost",
)
# a statistic of the paper's own results (a p value, a confidence interval, a
# ratio of odds or hazards): people analysed as a group, which the labelling rules
# make observational when nobody was assigned and no design is named (nrt11)
GROUP_STATISTIC = _rx(
    r"\bp\s?[<=>≤]\s?0?[.,]\d",
    r"\b95\s?%\s?(ci|confidence)",
    r"\bconfidence intervals?\b",
    r"\b(odds|hazard|risk) ratios?\b",
)
# the paper's own people as the ones its data are about, where no count was read
# (design_decisions._compared_people, obs20): people the study's verb acts on in
# the passive ("patients were enrolled / followed / compared"), the first person's
# study verb with people right after it ("we included 215 older adults"), the data
# or records of people ("data of patients treated at"), people counted beside a
# preposition ("among the 2071 health care workers"; the count is asked apart,
# OWN_SUBJECTS_COUNT), and people followed for a time.  Words that say what was
# done *with* people, not to them: whether anybody was assigned an exposure is
# asked apart (ALLOCATED, ADMINISTERED, a dose given, DELIVERED).  Asked only of
# the abstract's own sentences; a review's sentences about other studies' people
# are out of scope there, and the review model is still asked.  ("Individuals" is
# said of animals too, as PEOPLE_NOUN notes: the decision asks for a human
# population first.  "Divided", "grouped" and "surveyed" are left out:
# investigators divide their own arms, and land is surveyed)
_PEOPLE_OWN = (
    r"(patients|participants|subjects|volunteers|respondents|individuals|adults|children|"
    r"adolescents|infants|neonates|newborns|women|men|people|persons|workers|residents|"
    r"veterans|athletes|students|undergraduates|employees|nurses|physicians|survivors|"
    r"recipients|controls|pregnancies|admissions)"
)
OWN_SUBJECTS = _rx(
    rf"\b{_PEOPLE_OWN} (were|was) (prospectively |retrospectively |consecutively |then |"
    r"all |also |subsequently |further )?(enrolled|included|recruited|followed|analy[sz]ed|"
    r"examined|evaluated|assessed|studied|measured|interviewed|screened|identified|"
    r"tested|compared|categori[sz]ed|classified|stratified|reviewed|"
    r"observed|monitored|genotyped|scanned|imaged|sampled|selected)\b",
    r"\bwe (enrolled|included|recruited|followed|analy[sz]ed|examined|evaluated|assessed|"
    r"studied|interviewed|surveyed|screened|identified|reviewed|observed|monitored|"
    rf"genotyped|compared|sampled|selected) (\w+ ){{0,2}}?{_PEOPLE_OWN}\b",
    r"\b(data|records|charts|files|outcomes|measurements) (of|from) (all |the |our )?"
    rf"(\w+ ){{0,2}}?{_PEOPLE_OWN}\b",
    r"\b(among|of|including|involving|with|from) (the |all |a total of |a sample of |"
    rf"a cohort of )?\d[\d,]*\d (\w+ ){{0,3}}?{_PEOPLE_OWN}\b",
    r"\b(were|was) followed (up )?(for|until|over|during)\b",
    # verbs said only of people, wherever their noun stands ("patients admitted to
    # our unit over ten years were recruited")
    r"\b(were|was) (prospectively |retrospectively |consecutively )?(enrolled|recruited|"
    r"interviewed)\b",
)
# a consensus method (docs/design-labelling.md: a Delphi producing recommendations
# is a guideline's work): its panel of experts and patients rates and votes, and is
# no cohort whose data the paper reports, so OWN_SUBJECTS's people ("of 44
# international experts and patients") decide nothing there (fixo20, a core outcome
# set read observational by obs20).  The guideline rules decide such a paper
CONSENSUS_METHOD = _rx(
    r"\bdelphi\b",
    r"\bnominal group\b",
    r"\bconsensus (meeting|conference|process|panel|workshop|rounds?|was (reached|achieved))\b",
)
# the count in OWN_SUBJECTS's counted arm: more than a case series holds, as for the
# participants' count (design_decisions.CASES_DESCRIBED_MAX); "of 10 patients" in a
# review's summary of a cited series is no cohort of the paper's own
OWN_SUBJECTS_COUNT = re.compile(r"\d[\d,]*\d")
# public repositories of other people's molecular data (the labelling rules:
# "bioinformatics on downloaded datasets without a cohort of the authors' own" is
# in vitro): "the data of HCC patients were collected from TCGA" names people whose
# data the authors downloaded, not people they studied (obs20)
PUBLIC_DATA = _rx(
    r"\b(tcga|the cancer genome atlas|gene expression omnibus|geo (database|datasets?)|"
    r"gse\d+|gepia\d?|icgc|cgga|gtex|cbioportal|oncomine|ccle|arrayexpress)\b",
    # the labelling rule's own word for such work ("the bioinformatics results show")
    r"\bbioinformatic",
)
# the observational cues that say only when or whom the study recruited, not that
# nobody was assigned: a prospective study or consecutive patients can be a trial's
# arm too (docs/design-labelling.md: "the investigators assigning it prospectively
# without randomising -> non_randomized_trial")
OBS_RECRUITMENT = _rx(
    r"\bprospective(ly)?\b",
    r"\bconsecutive (\w+ ){0,2}?(patients|cases|subjects|adults|children|admissions)\b",
)
OBS = _rx(
    r"\bcohort\b",
    r"\bretrospective(ly)?\b",
    r"\bprospective(ly)?\b",
    r"\bcross[\s-]sectional\b",
    r"\bcase[\s-]control\b",
    r"\bregistry\b",
    r"\bobservational\b",
    r"\bsurvey\b",
    r"\bpopulation[\s-]based\b",
    r"\blongitudinal\b",
    r"\bchart review\b",
    r"\bmedical records\b",
    # how cohort and case-control studies describe their samples and analyses;
    # not "healthy volunteers", who are also the subjects of imaging-method papers
    r"\bconsecutive (\w+ ){0,2}?(patients|cases|subjects|adults|children|admissions)\b",
    r"\b(healthy|age[\s-]matched|sex[\s-]matched|matched) (controls|control subjects|"
    r"control group)\b",
    r"\bpropensity[\s-]scores?\b",
    # "a 7-year follow-up study", "In this follow-up study" (of 16 in the corpus, one
    # meant further research: "of help to the follow-up study of tolerant rice")
    r"\b(further |future |additional |longer )?follow[\s-]?up study\b",
)
# a survey of people (docs/design-labelling.md: "surveys of patients or
# professionals", "surveys / questionnaires with numbers"): the text shows people
# surveyed -- questionnaires, respondents, response rates, interviews, people
# surveyed or counted, "a survey of 1,200 members".  Without it, "survey" is no
# observational cue: "a survey of sequence alignment algorithms" reviews things
# (survey8, issue 19)
SURVEYED_PEOPLE = _rx(
    r"\b(questionnaires?|respondents?|response rates?|responded|interview(s|ed)?|"
    r"surveyed|telephone|online survey|web[\s-]based survey|postal|mailed|e-?mailed)\b",
    r"\bsurvey (was |were )?(sent|distributed|administered|conducted|completed|mailed|"
    r"e-?mailed|circulated|disseminated)\b",
    r"\b(sent|distributed|administered|completed|circulated|disseminated) (\w+ ){0,3}?"
    r"(surveys?|questionnaires?)\b",
    r"\bsurvey (of|among|amongst|with|to|in) ([\w,-]+ ){0,4}?(patients|participants|"
    r"members|clinicians|physicians|surgeons|doctors|nurses|therapists|residents|"
    r"students|people|persons|individuals|adults|children|parents|women|men|"
    r"practitioners|professionals|staff|experts|users|households|veterans|athletes|"
    r"workers|caregivers|carers|survivors|population|centers|centres|hospitals|units|"
    r"institutions|programs|programmes|departments|societ(y|ies)|associations?)\b",
    r"\b(national|nationwide|population|household|health|community|epidemiological|"
    r"cross[\s-]sectional|international|multicent(er|re)|regional|state|"
    r"prospective|longitudinal|panel) ([\w-]+ ){0,2}?survey\b",
    # people named anywhere, or a population survey's data: "survey" stays a cue
    # wherever the paper is about people at all (read on unseen text: a survey of
    # physicians' attitudes or of a national health survey's data often names no
    # questionnaire)
    r"\b(patients|participants|members|clinicians|physicians|surgeons|doctors|nurses|"
    r"therapists|residents|students|people|persons|individuals|adults|children|"
    r"adolescents|youths?|parents|women|men|girls|boys|practitioners|professionals|"
    r"providers|prescribers|pharmacists|dentists|staff|experts|users|households|veterans|"
    r"workers|caregivers|carers|survivors|populations?|smokers|consumers|citizens|teachers|"
    r"employees|mothers|infants|elderly|subjects|inhabitants|volunteers|pregnan\w*)\b",
    r"\b(health|nutrition|examination|household|social|demographic|indicator|cluster|"
    r"census|interview|care) ([\w-]+ ){0,3}?surveys?\b",
    r"\bsurvey data\b",
)
# a title that names its observational design ("...: a population-based study", "a
# prospective cohort study of ..."), not one with a bare "longitudinal changes" or
# "propensity score methods": it keeps that design over an abstract's review words
OBS_TITLE = _rx(
    r"\b(cohort|case[\s-]control|cross[\s-]sectional|observational|population[\s-]based|"
    r"registry[\s-]based|longitudinal|prospective|retrospective) ([\w-]+ ){0,2}?(study|analysis)\b",
)
# a review of records, not of literature ("a retrospective review of 65 patients",
# "A Review of 857 Cases", "a health care record review"): an observational study
RECORD_REVIEW = _rx(
    r"\bretrospective (\w+ ){0,2}?review\b",
    r"\b(chart|charts|record|records|case[\s-]?notes?) review\b",
    r"\breview of (the |our |their )?(\w+ )?(medical |clinical |hospital |case |patient )?"
    r"(records|charts|notes|files)\b",
    # a count above SERIES_MAX, the largest case series (a dozen cases is no cohort)
    r"\breview of (\w+ ){0,2}?([3-9]\d|2[6-9]|[1-9]\d\d+|\d{1,3}(,\d{3})+) ([\w-]+ ){0,2}?"
    r"(patients|cases|children|adults|procedures|operations)\b",
)
# databases of patients by name, SCI epidemiology's among them (not all of which
# call themselves databases): the word pass and the patient-database search share them
_NAMED_DATABASES = (
    r"\b(seer|nsqip|nhanes|marketscan|cprd)\b",
    r"\buk biobank\b",
    r"\bsurveillance,? epidemiology,? and end results\b",
    r"\b(national trauma data ?bank|nationwide inpatient sample|national inpatient sample|"
    r"trauma quality improvement program|spinal cord injury model systems?|nscisc|emsci|"
    r"trinetx|pearldiver)\b",
)
# a database of patients, not GEO, TCGA or ZINC, a model's training database,
# "database searches" of the literature or "(PsycInfo Database Record (c) APA)".
# The set looks for the word; PATIENT_DATABASE, whose common leading words
# ("our", "health", "cancer") would slow every abstract's scan, is asked only then.
DATABASE = _rx(r"\bdata ?bases?\b", *_NAMED_DATABASES)
PATIENT_DATABASE = _rx(
    r"\b(national|nationwide|administrative|claims|insurance|institutional|trauma|surgical|"
    r"inpatient|outcomes?|collaborative|quality|discharge|abstract|analy[sz]er|"
    r"multicent(er|re)|multi-institutional|regional|statewide|healthcare|health|"
    r"medical|prescription|pharmacy|hospital|patient|clinical|registry|cancer|medicare)[\s-]+"
    r"(\w+[\s-]+)?data ?bases?\b",
    r"\bour ([\w()-]+ ){0,3}?data ?bases?\b",
    r"\b(electronic|prospectively[\s-]maintained|prospective|retrospective|institution'?s?|"
    r"cent(er|re)'?s?) data ?bases?\b",
    r"\bdata ?bases? (of|from|containing|including) ([\w,-]+ ){0,2}?(patients|admissions|cases|"
    r"children|adults|veterans|women|men|people|individuals|births|deliveries|residents)\b",
    *_NAMED_DATABASES,
)
REVIEW = _rx(
    r"\breview\b",
    r"\boverview\b",
    r"\bstate of the art\b",
    r"\bcurrent (concepts|perspectives|"
    r"evidence|advances|status)\b",
    r"\badvances in\b",
    r"\bupdate on\b",
    r"\bprimer\b",
)
# the bare passive (REVIEW_TEXT_WEAK below) whose subject is other people's studies
# or trials, in the plural the verb agrees with ("important new studies ... reported at
# the annual congress ... are reviewed", "pharmacokinetic data and clinical trials are
# reviewed"; not "the role of observational studies ... is reviewed" of a study's
# rationale): the literature's work, reviewed, so a strong cue, one of REVIEW_TEXT's
# (fixd8)
REVIEW_OTHERS_PASSIVE = r"\b(trials|studies|rcts)\b[^.;:]*\bare (briefly |critically )?reviewed\b"
# in an abstract, authors saying their paper is a review ("In this review, we
# summarize", "Here we review"): not "reviewed the charts" or "review of records"
REVIEW_TEXT = _rx(
    r"\b(this|the present|the current|the following|our|in this) (narrative |mini[\s-]?|"
    r"brief |short |comprehensive |"
    r"critical |scoping |literature |clinical |historical )?review\b",
    r"\b(here,? )?we (briefly |critically )?review (the|recent|current|what|how|existing|our)\b",
    # how reviews that do not say "review" put it ("Here we summarize recent
    # bioinformatic and experimental data", "we discuss the current understanding"),
    # not "we summarize our findings" or "we discuss strategies for placing tags"
    r"\b(here,? )?(we|i) (briefly )?summari[sz]e (the |recent |current |what |how |our current |"
    r"existing |emerging |key )",
    r"\bhere,? we (discuss|highlight) (the|how|what|recent|current|emerging|key|new|potential|"
    r"possible|several|some|major|important)\b",
    # the article type, not "in this perspective, the indices ..." of a study
    r"\bin this perspective(,? (we|i)\b| (article|paper|piece|essay))",
    r"\bwe (discuss|highlight|describe) (the )?(recent|current|latest|emerging) (advances|"
    r"progress|developments|literature|knowledge|understanding|insights|evidence|findings|"
    r"studies|research|data)\b",
    r"\bthis (article|paper|chapter) (reviews|summari[sz]es|discusses|provides an overview)\b",
    # the same framing with the verbs and adjectives reviews use ("This Topical
    # Review summarizes", "this article highlights", "in this paper, we review")
    # (anchored on "review" + verb, not "this ... review": a counted gap after a word as
    # common as "this" multiplies the automaton's states for every abstract)
    r"\breview (summari[sz]es|describes|discusses|highlights|focuses|provides|examines|"
    r"explores|covers|outlines|presents|aims|addresses|considers|synthesi[sz]es|will)\b",
    r"\bthis (article|paper|chapter|manuscript|work) (highlights|outlines|synthesi[sz]es|"
    r"provides an (update|overview|summary)|gives an overview|examines the literature)\b",
    r"\bin this (article|paper|chapter|manuscript|work),? (we|i) (review|summari[sz]e|"
    r"discuss|highlight|outline|provide an overview|give an overview)\b",
    r"\b(here|herein),? (we|i) (review|summari[sz]e|outline|overview|provide an overview|"
    r"give an overview|present an overview)\b",
    r"\bwe (provide|present|give) (an? )?(brief |short |comprehensive |concise )?"
    r"(overview|update|summary) of (the )?(current|recent|existing|available|latest|"
    r"literature|evidence|knowledge|state)",
    # passive framing ("the literature is reviewed", "recent advances are discussed"),
    # not "the findings are discussed" of a study
    r"\b(literature|evidence|advances|developments|knowledge|concepts|progress) (is|are) "
    r"(briefly |critically )?(reviewed|summari[sz]ed|discussed|highlighted)\b",
    r"\bthis perspective (article|paper|piece|essay|summari[sz]es|discusses|highlights|"
    r"describes|argues|outlines)\b",
    r"\b(we|i) (present|describe|review|summari[sz]e) the (current )?state of the art\b",
    # the structured labels of review journals (Current Opinion in ..., Current
    # Treatment Options in ...)
    r"\bpurpose of (this )?review\s*:",
    r"\bopinion statement\s*:",
    REVIEW_OTHERS_PASSIVE,
)
# the bare passive ("... is briefly reviewed", "the literature concerning abdominal
# pregnancy since 1809 is reviewed"): how a review speaks, and how a case report
# speaks of the literature it adds to its case ("a case of twin abdominal gestation
# is presented and the literature ... is reviewed").  A weak cue: a review only where
# the abstract names no work of its own (design_paper.Paper.own_work; nr8)
# nr9 (issue 19): the same genre where the paper itself is the subject, in any tense
# and with adverbs ("this article will review", "this article serves to delineate");
# an aim to review ("the aim of this article is to review"); topics reviewed in the
# passive in any tense ("the role of ablation will be also reviewed"), where
# ``discussed_topic`` sets aside the paper's own results.  Not the first person ("we
# discuss", "we consider"), nor "X is discussed / summarized", nor "this paper focuses
# on / discusses / outlines": read on unkeyed text, those closed or opened research,
# methods and opinion papers as often as reviews (docs/triage-evaluation.md, nr9)
_ADVERBS = r"((will|shall|then|also|additionally|further|finally|briefly|critically|next) )*"
REVIEW_TEXT_WEAK = _rx(
    r"\b(is|are) (briefly |critically )?reviewed\b",
    r"\b(this|the) (article|paper|chapter|manuscript) "
    + _ADVERBS
    + r"(review|reviews|summari[sz]e|summari[sz]es|delineate|delineates)\b",
    r"\bserves? to (review|delineate|summari[sz]e)\b",
    r"\b(aim|goal|purpose|objective)s? (of this (article|paper|chapter|review) )?(is|are|was) "
    r"to (review|summari[sz]e|provide an overview)\b",
    r"\b[\w-]+ (is|are|will be) " + _ADVERBS + r"reviewed\b",
)
# a review the paper names that is a review of its own patients or records ("the
# current review of our patients informs ...", "this review of 44 cases"): a chart
# review's conclusion, not the genre; the strong cue then counts only as a weak one
# (fixr9, read on unkeyed text: a retrospective study closed with it)
REVIEW_OF_OWN_RECORDS = _rx(
    r"\b(this|the present|the current|our) review of (our|\d+) "
)
# the paper naming its own design in its own voice ("This was a retrospective
# cohort comparison", "this is a prospective observational study"): a review cue
# elsewhere in it ("given our review of the literature, ...") is the background's,
# as a review of its own records is (Paper.review_phrase; nr11, issue 19)
# (the subject "this", not "it": "it is a highly promising therapy under
# investigation" names a therapy, read on the update file)
SELF_NAMED_STUDY = _rx(
    r"\bthis (is|was) an? ([\w-]+ ){0,4}?(study|trial|analysis|comparison|audit|"
    r"investigation|experiment)\b"
)
# the subjects of a research paper's own closing passive ("the results are discussed"):
# not the literature's topics (``discussed_topic``)
_OWN_SUBJECTS = frozenset(
    ["results", "findings", "data", "implications", "limitations", "observations", "outcomes"]
)


def discussed_topic(phrase: str) -> bool:
    """A weak review cue that is not a paper's own results discussed in the passive."""
    return phrase.split(" ", 1)[0] not in _OWN_SUBJECTS


# titles that announce a topic the way reviews and book chapters do ("Diagnosis and
# treatment of pulmonary infections in ARDS", "The musculoskeletal management of
# children with cerebral palsy", "Complex regional pain syndrome--diagnostic,
# mechanisms, CNS involvement and therapy"): a review only when the abstract also
# reports no research of its own (RESEARCH_OWN; design_decisions.review_topic_title)
REVIEW_TOPIC_TITLE = _rx(
    r"^(the )?([\w-]+ ){0,2}?(diagnosis|management|treatment|therapy|pathophysiology|"
    r"pathogenesis|epidemiology|mechanisms|genetics|imaging)( and ([\w-]+ )?(diagnosis|management|"
    r"treatment|therapy|prevention|prognosis|pathophysiology))? of\b",
    r"\b(diagnosis|diagnostics?|mechanisms|pathophysiology|pathogenesis|clinical features|"
    r"management),? (and|&) (treatment|management|therapy|prevention|prognosis|outcomes?)\b",
    r"\b(diagnostics?|mechanisms|pathophysiology),? ([\w-]+ ){0,3}?(and|&) (therapy|treatment)\b",
    r"\b(an update|current concepts|new insights|perspectives|controversies|"
    r"challenges and opportunities|past, present,? and future)\s*[.?]?$",
    # titles that frame the literature (nr9): "Recent developments in ...",
    # "Perspectives on ...", "... and future directions"
    r"^(recent |current )?(developments|progress|trends|advances|perspectives) "
    r"(in|on|into)\b",
    r"\bfuture (directions|perspectives|prospects)\b",
    r"\bwhere (are we|do we stand)\b",
)
# a paper reporting research of its own: first-person research verbs, statistics,
# the sections of a structured abstract, the passive of measurement
RESEARCH_OWN = _rx(
    r"\bwe (studied|examined|measured|analy[sz]ed|investigated|found|enrolled|evaluated|"
    r"assessed|compared|performed|conducted|recruited|observed|identified|report|present|"
    r"describe|treated|operated|used|exposed|subjected|injected|administered|transfected|"
    r"implanted|cloned|incubated|cultured|stained|quantified)\b",
    r"\bp\s*[<=>]|\b95\s*%|\bconfidence intervals?\b|\bodds ratios?\b",
    r"\b(methods?|results?|patients and methods|materials and methods)\s*:",
    r"\b(was|were) (measured|analy[sz]ed|assessed|compared|evaluated|recorded|enrolled|"
    r"included|randomi[sz]ed|recruited|examined|studied|followed|treated|exposed|subjected|"
    r"transfected|implanted|cloned|incubated|cultured|stained)\b",
    r"\b\d+ (patients|participants|subjects|cases|children|adults|rats|mice)\b",
)
# the authors' own findings named as theirs ("our immunohistochemical studies show",
# "our results indicate"): work of the paper's own, beside RESEARCH_OWN, where the
# laboratory's words alone decided (monitor.triage._laboratory_words_only)
OWN_FINDINGS = _rx(
    r"\bour ([\w-]+ ){0,3}?(studies|study|experiments?|data|results|findings|observations|"
    r"analys[ie]s) (show|showed|shows|indicate|indicated|indicates|suggest|suggested|suggests|"
    r"demonstrate|demonstrated|demonstrates|reveal|revealed|reveals)\b",
)
# work of the paper's own that RESEARCH_OWN's first person and statistics miss: a
# case or a person the paper presents, in any voice ("a case of ... is presented",
# "the article describes three cases", "the radiological approach of a child with
# ... is presented"), and findings called its own by a demonstrative ("these data
# suggest", "these findings were later confirmed").  With RESEARCH_OWN and
# OWN_FINDINGS it outweighs a weak review cue (Paper.own_work; nr8)
_PRESENTED = r"(is|are) (here |herein |now )?(presented|described|reported)\b"
OWN_REPORT = _rx(
    r"\b(describes?|presents?|reports?|documents?) (here )?(a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|\d+) ([\w-]+ ){0,2}?(cases?|patients?)\b",
    r"\b(cases?|patients?|child|infant|neonate|boy|girl|man|woman) ([\w,/()-]+ ){0,10}?"
    + _PRESENTED,
    r"\b(these|the present) (data|results|findings|observations) (suggest|suggested|show|"
    r"showed|indicate|indicated|demonstrate|demonstrated|were (later )?confirmed)\b",
)
# "This article provides an overview", "We present a brief overview": a review,
# unless the abstract describes a study of its own ("This study aimed to provide an
# overview of dyslipidemia ... population-based data"; see design_decisions.overview_text)
OVERVIEW = _rx(
    r"\b(this|the present) (comprehensive |brief |short |general |updated |critical )?overview\b",
    r"\b(provides?|presents?|gives?|offers?|providing) an? (comprehensive |brief |short |general |"
    r"updated |critical |concise )?overview\b",
)
# a title naming a review that is not systematic ("a scoping review", "a narrative
# review of randomized trials"): the authors' word wins over the systematic search
# or PRISMA flow their abstract describes ("systematic literature review" is caught
# first by SR_TITLE; a "systematic scoping review" is a scoping review)
REVIEW_NAMED = _rx(
    # (a mapping review maps the evidence without appraising it: narrative by the
    # labelling rules, as a scoping review is; sr8)
    r"\b((narrative|scoping|mapping|integrative|critical|historical|"
    r"state[\s-]of[\s-]the[\s-]art) |"
    r"mini[\s-]?)review\b",
    # not "... in a cricketer: a case study and literature review", nor "... and review
    # of the literature", which is how case reports are titled
    r"(^|[:.?!\[(-]\s*|\b(a|an|concise|brief|short|comprehensive|updated|current) )"
    r"literature review\b",
)
# a title that opens by naming a comment, whatever the length of its abstract
# ("A commentary on \"... a randomized trial\"", "Editorial Commentary: ...")
# (a title translated into English is printed in brackets: "[Reply to ...]", so the
# opening may be a bracket, as NOTICE_TITLE's may)
COMMENT_NAMED = _rx(
    r"^[\s\[(]*(an? )?(commentary|comment|reply) (on|to)\b",
    # a later part of the title naming it a comment on another paper ("Vertebral body
    # stenting: ...: Commentary on an article by X et al.: \"... A randomized trial\""):
    # the trial it names is the commented paper's (sr19, issue 19)
    r"[:.]\s*(an? )?(invited )?(commentary|comment|reply|response) (on|to) (an? |the )?"
    r"(article|paper|study|report|trial)\b",
    r"^[\s\[(]*(editorial commentary|editorial|commentary|comment|reply|response|letter|"
    r"in reply|re)\s*:",
)
# the kind of piece, then punctuation or whom it answers: not "Reply rates to a
# postal questionnaire", "Letter writing in rehabilitation", "Editorial decision-making"
COMMENT = _rx(
    r"^[\s\[(]*(editorial|commentary|letter|reply|in reply)(\s*[:.;,–—-]|$)",
    r"^[\s\[(]*(editorial (comment|commentary|note)|comment on|commentary (on|regarding|about)|"
    r"letter (to|from|by|on|regarding|concerning|in response)|reply (to|on|from|by)|"
    r"in reply to|response to)\b",
    r"^\s*(re|editorial( \w+){1,2})\s*:",
    r"\bletter to the editor\b",
    r"\bauthors'? reply\b",
    r"\b(from|by) the editors?\b",
    r"\beditor'?s'? (note|message|column|corner|introduction|choice)\b",
)

# What a title without an abstract says it is, by a publication-type tag or by
# naming its kind: bibliographic exports (Ovid, EndNote, the screening sets) append
# the publication type in brackets ("... treatment.[comment]", "... [Review] [142
# refs]"), and some journals title a piece by its kind alone ("Point of view.") or
# after a colon ("...: a comment.").  The tag must be the bracket's whole content,
# so "[see comment]" (this paper *was* commented on) says nothing.  Asked only of
# title-only records (design_decisions.title_tag_piece and title_tag_design): a tag
# is the indexer's or the journal's word for the piece, which is all such a record
# has; an abstract, when there is one, says more.  (tag words, design), first wins.
_KIND_COMMENT = (
    r"comment|commentary|letter|letter to the editor|editorial|news|reply|response|"
    r"opinion|point of view|viewpoint|personal view|perspective|interview|biography|"
    r"obituary|in memoriam|historical article|personal narrative"
)
# the piece's kind (a notice, a comment): outranks any design the title mentions
# ("... randomized trials.[comment]" is a comment on them), so asked first
TITLE_TAGS_PIECE: tuple[tuple[Pattern, str], ...] = (
    (
        _rx(
            r"\[\s*(published erratum|erratum|correction|retraction of publication|"
            r"retracted publication)\s*\]"
        ),
        "notice",
    ),
    (
        _rx(
            rf"\[\s*({_KIND_COMMENT})\s*\]",
            # the kind alone ("Point of view."), or after the topic ("...: a comment.")
            rf"^\s*(an? )?({_KIND_COMMENT})\s*[.!]?\s*$",
            rf"([:.]|\s[–—-])\s*(an? )?({_KIND_COMMENT})\s*[.!]?\s*$",
        ),
        "commentary",
    ),
)
# a design's tag: more generic than the title's own words (indexers tag systematic
# reviews "[Review]" too), so asked only after every title decision
TITLE_TAGS_DESIGN: tuple[tuple[Pattern, str], ...] = (
    (_rx(r"\[\s*(systematic review|meta-analysis)\s*\]"), "systematic_review"),
    (_rx(r"\[\s*(review|review, tutorial|review literature)\s*\]"), "narrative_review"),
    (_rx(r"\[\s*(randomi[sz]ed controlled trial)\s*\]"), "rct"),
    (_rx(r"\[\s*(case reports?)\s*\]"), "case_report"),
    (_rx(r"\[\s*(practice guideline|guideline|consensus statement)\s*\]"), "guideline"),
    (_rx(r"\[\s*(protocol|clinical trial protocol)\s*\]"), "protocol"),
)


# MeSH descriptors by which indexers record an observational or qualitative design
# (the Epidemiologic Studies branch, and Qualitative Research): publication types
# name few of them ("Observational Study" only since 2014), so a cohort study
# indexed in 2010 is a "Journal Article" with MeSH "Retrospective Studies".
# Descriptors "... as Topic" are about a design, not of it, and are left out.
MESH_DESIGNS: tuple[tuple[str, str], ...] = (
    ("qualitative research", "qualitative"),
    ("case-control studies", "observational"),
    ("cohort studies", "observational"),
    ("retrospective studies", "observational"),
    ("prospective studies", "observational"),
    ("longitudinal studies", "observational"),
    ("follow-up studies", "observational"),
    ("historically controlled study", "observational"),
    ("cross-sectional studies", "observational"),
    ("seroepidemiologic studies", "observational"),
)


# a review of the literature's cases, not of a clinic's records
LITERATURE = compile_pattern(r"\b(literature|published|reported|historical)\b")


ONE = compile_pattern(r"\b(a|an|one|single)\b")

# the number a case cue gives its own people ("we report 20 girls", "a case series of
# 14 patients"), read by ``cue_count``; an age ("a 45-year-old") is no count of people
CUE_AGE = re.compile(rf"\b({NUMBER})[\s-](year|month|week|day)s?\b")
CUE_NUMBER = re.compile(rf"\b({NUMBER})\b")


def cue_count(hit: str) -> int | None:
    """The largest number of people a case cue names itself, ages left out; None
    when it names none."""
    found = [number_value(m.group(1)) for m in CUE_NUMBER.finditer(CUE_AGE.sub(" ", hit))]
    return max(found) if found else None


MANY = compile_pattern(r"\b(series|cases|patients)\b")


# ---------------------------------------------------------------------------
# Scope: sentences whose design cues are not the paper's own design (in the
# spirit of NegEx/ConText: a trigger word puts its whole sentence out of scope).
# monitor/triage/scope.py blanks those sentences before the cue families read
# the abstract; which family reads which text is in design_paper.Paper.

# a sentence about other people's studies: counted, cited, found lacking
# ("a paucity of randomized trials", "only four were RCTs", "previous trials
# have shown"); a sentence that also speaks of the paper's own work ("we",
# "our", "this study") stays in scope (OWN_WORK)
SCOPE_OTHER = _rx(
    r"\b(paucity|lack|absence|dearth|scarcity|shortage) of\b",
    r"\b(previous|prior|earlier|published|existing|several|many|numerous|few|other|"
    r"most|some|no|recent|available) ([\w-]+ ){0,2}?(studies|trials|rcts|reports|"
    r"investigations|case reports|case series|publications|articles)\b",
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
    r"([\w-]+ ){0,3}?(studies|trials|rcts|articles|publications|papers|reports) "
    r"(were|was|have|had|met|reported|compared|evaluated|included|assessed|used)\b",
    r"\bonly (\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|a handful)\b"
    r"([^.]){0,40}?\b(were|was|are|is) (rcts?|randomi[sz]ed|trials?|case reports?)\b",
    r"\b(studies|trials|rcts|reports|authors) (have|has|had) (shown|suggested|reported|"
    r"demonstrated|found|described|documented|evaluated|examined|investigated)\b",
    r"\b(has|have) been (reported|described|documented|shown|suggested|demonstrated)\b",
    r"\bet al\b",
    # results set beside another trial's: "fully comparable with the international,
    # randomized, assessor-blinded trial ESTHER-1" (med9); a sentence naming the paper's
    # own work stays in scope (OWN_WORK)
    r"\b(comparable|consistent|in line|in agreement|in accordance|concordant) (with|to) "
    r"(the |those of |that of |the results of |the findings of )?(an? |the )?([\w,-]+ ){0,4}?"
    r"(trials?|rcts?|studies|study)\b",
    r"\b(is|are|remains?|were|was) (lacking|scarce|sparse|limited|missing|inconclusive|"
    r"conflicting|inconsistent|controversial)\b",
)
# the paper's own work, which keeps its sentence in scope of other studies
OWN_WORK = _rx(
    r"\b(we|our|us)\b",
    r"\b(this|the present|the current) (study|trial|report|review|paper|article|analysis|"
    r"work|investigation|case)\b",
    r"\bhere(in)?\b",
)
# wanted, planned or criticised work: out of scope for every family but protocols,
# whose own design is planned work ("a randomized trial is required", "future
# trials should", "we plan to", "poorly designed trials")
SCOPE_WANTED = _rx(
    # the copula of wanting, seeming included ("a placebo-controlled trial appears warranted")
    r"\b(is|are|remains?|will be|would be|(seems?|appears?)( to be)?) "
    r"(still |urgently |clearly |thus |therefore )?"
    r"(needed|required|warranted|necessary|called for|lacking|missing|desirable|justified)\b",
    # the conditional of valuing it: "a randomized trial comparing ... would be of
    # interest" (med9); not "might be useful" (a hedge on the paper's own finding:
    # "although based on a case report, they suggest that X might be useful")
    r"\bwould (also )?be (of (great |particular |some )?interest|worthwhile|welcome|"
    r"informative|instructive)\b",
    r"\b(future|further|larger|additional|more|well[\s-]designed|adequately[\s-]powered|"
    r"definitive|large[\s-]scale|high[\s-]quality|prospective,?) ([\w-]+[\s,]+){0,3}?"
    r"(studies|trials|research|rcts|investigations?|reviews?|work|evidence) "
    r"(is|are|should|will|would|could|must|may|might|need|to|on|in|with)\b",
    r"\bshould be (conducted|performed|undertaken|done|investigated|explored|evaluated|tested|"
    r"confirmed|validated|studied)\b",
    r"\b(need|needs|call) for\b",
    r"\bwe (plan|intend|propose|aim) to (conduct|perform|undertake|carry out|run|design)\b",
    r"\b(poorly[\s-]designed|methodologically (weak|flawed|poor)|methodological (flaws|"
    r"weaknesses|shortcomings)|(were|was) (flawed|underpowered)|(is|are) (flawed|underpowered))\b",
)
SCOPE_TRIGGERS = _rx(*(p.pattern for p in (SCOPE_OTHER, SCOPE_WANTED)))
# sentences about the literature in the generic present and kindred forms, which a
# research paper's introduction uses too: read only in an abstract that names no work
# of its own (design_paper.Paper.scope, own_work; nr10, issue 19).  Grammatical forms,
# not topics: a plural design noun (or data, evidence) showing something in the
# present, said to be what such studies generally are, counted by "extant/additional/
# the only", research in the present perfect passive, an intervention evaluated in a
# trial in the passive
_DESIGN_PLURAL = (
    r"\b(studies|trials|rcts|reports|series|investigations|analyses|registries|cohorts)"
)
SCOPE_LITERATURE = _rx(
    _DESIGN_PLURAL + r" (\(rcts?\) )?(also |consistently |further |now |increasingly |"
    r"generally |often |repeatedly )?(show|suggest|indicate|demonstrate|report|support|"
    r"reveal|confirm|point|find|link|associate)\b",
    r"\b(data|evidence|literature) (also |consistently |further |now |increasingly )?"
    r"(shows?|suggests?|indicates?|demonstrates?|supports?|reveals?|confirms?|points?)\b",
    _DESIGN_PLURAL + r" (\(rcts?\) )?(are|remain) (often|generally|usually|widely|"
    r"commonly|still|considered|regarded)\b",
    # the plural: a paper's own hypothesis "has been evaluated in a case-control study",
    # its instrument "has been tested by a pilot study" (two read changes)
    r"\bhave been (used|investigated|studied|explored|proposed|recorded|identified|"
    r"evaluated|tested|published|observed|examined|assessed)\b",
    # done by the literature's studies, not by "we" nor an own "800 resections have
    # been performed" (one read change of a surgical series)
    _DESIGN_PLURAL + r" ([\w-]+ ){0,3}?have been (conducted|performed|undertaken|carried out)\b",
    # (not "these studies" of a simulation's own runs, nor "additional analyses")
    r"\b(extant|additional|the only|previous|prior|several|many|numerous|recent|published)"
    r" ([\w-]+ ){0,4}?(studies|trials|rcts|reports|series|investigations|registries)\b",
    r"\bthe only ([\w-]+ ){0,3}?(rct|trial|study)\b",
)


# the paper's own study named ("the present study investigated", "this is a
# retrospective study"): work of its own, beside Paper.own_work, that keeps a paper
# from the literature's triggers (SCOPE_LITERATURE; one read change, nr10)
OWN_STUDY = _rx(
    r"\b(this|the present|the current|our) ([\w-]+ ){0,3}?(study|trial|analysis|investigation|"
    r"experiment|survey|cohort|simulation|project)\b",
    r"\bthis is an? ([\w-]+ ){0,4}?(study|trial|analysis)\b",
)


# in-vitro work named by its materials (cell lines, primary cultures, organoids,
# iPSC-derived cells, "in vitro"), when the abstract names no animals or people
# studied in vivo (IN_VIVO): design_decisions.in_vitro_text
IN_VITRO_MATERIALS = _rx(
    r"\bin vitro\b",
    r"\bcell lines?\b",
    r"\b(primary|organotypic|slice|co-?|mixed|neuronal|glial|astrocyte|microglia[l]?|"
    r"cortical|hippocampal|dorsal root ganglion|drg|spinal) cultures?\b",
    r"\bcultured ([\w-]+ ){0,2}?(cells|neurons|astrocytes|microglia|fibroblasts|"
    r"oligodendrocytes|myoblasts|explants|slices)\b",
    r"\borganoids?\b",
    r"\b(ipsc|hipsc|induced pluripotent stem cell|esc)[\s-]derived\b",
    # experiments on molecules and cells: transfection, expression systems,
    # recombinant or purified proteins, cells treated in a dish
    r"\btransfect(ed|ion|ing)\b",
    r"\b(xenopus )?oocytes\b",
    r"\b(recombinant|purified) ([\w-]+ ){0,2}?(proteins?|enzymes?|receptors?|channels?)\b",
    r"\bcells were (treated|incubated|exposed|stimulated|transduced|cultured)\b",
    r"\bcell[\s-]free\b",
    r"\b(hek[\s-]?293|hela|sh-?sy5y|pc-?12|bv-?2|raw 264\.7|hacat|caco-?2|hepg2|"
    r"mcf-?7|u87|nsc-?34|neuro-?2a|n2a)\b",
    r"\bin silico\b",
    r"\b(molecular docking|molecular dynamics simulations?|finite element)\b",
)
# study in living animals or people, which makes cultures part of a larger study
IN_VIVO = _rx(
    r"\bin vivo\b",
    r"\b(patients|participants|volunteers|subjects|children|adults|women|men|cohort)\b",
    r"\b(rats?|mice|mouse|rodents?|animals?|pigs?|dogs?|rabbits?|monkeys?|primates?|"
    r"zebrafish|sheep|cats?)\b",
    r"\b(xenograft|transplanted into|injected into|implanted)\b",
)

# laboratory work that names no material phrase: the bench's methods and objects
# (cloning, blots, assays, strains, nanomaterials, recordings from isolated cells),
# one pattern per word.  One of these words is in many clinical abstracts; several
# different ones, in an abstract that names nobody studied in vivo and no other
# design, are a laboratory paper (design_decisions.bench_text counts them)
_BENCH_WORDS = (
    r"cdnas?", r"clon(ed|ing)", r"plasmids?", r"vectors?", r"luciferase", r"reporter genes?",
    r"western blot\w*", r"immunoblot\w*", r"immunoprecipitat\w*", r"phosphorylat\w+",
    r"recombinant", r"purified", r"mutants?", r"knock(down|ed down)", r"sirna", r"shrna",
    r"overexpress\w*", r"assays?", r"kinases?", r"enzym\w+", r"substrates?", r"spectroscop\w+",
    r"spectrometr\w+", r"chromatograph\w+", r"nano(materials?|particles?|rods?|sheets?|"
    r"composites?)", r"synthesi[sz]ed", r"fabricated", r"crystal structures?", r"strains?",
    r"bacteri(a|al|um)", r"culture media|growth medium", r"incubat(ed|ion)", r"whole[\s-]cell",
    r"patch[\s-]clamp", r"voltage[\s-]clamp", r"mitochondri(a|al)", r"ic50", r"cytotoxic\w*",
    r"cell viability", r"cell proliferation", r"apoptosis", r"flow cytometry", r"microscopy",
    r"chromosom(e|al) aberrations?", r"rt-pcr|qpcr|real-time pcr", r"promoters?",
    r"transcription factors?", r"elisa", r"ligands?", r"binding sites?",
    r"(in|on) the surface of", r"lymphocytes", r"fibroblasts", r"epithelial cells",
    r"membranes?", r"polypeptides?", r"amino acids?", r"residues", r"peptides?", r"dna",
    r"rna|mrna|mirna", r"transcripts", r"cell lines?", r"in vitro", r"cultured", r"cultures?",
    r"physicochemical", r"proteins? expression", r"gene expression", r"signaling pathways?",
)  # fmt: skip
BENCH = [_rx(rf"\b({word})\b") for word in _BENCH_WORDS]
# one RE2 pass says which bench words occur; counting them is the set's size, with
# no match object per occurrence (a finditer over these common words cost as much
# as the rest of the design decisions together)
BENCH_SET = PatternSet(BENCH)
# how many distinct BENCH words make an abstract a laboratory's
BENCH_MIN = 3
# and for an animal's material (its genes, cells), more: "rats" and a few bench
# words are as often an experiment in living rats
BENCH_ANIMAL_EXTRA = 2
# people or animals the paper itself studies: counted, enrolled, or the subject of
# its verbs; not "in patients with cystic fibrosis" of a background sentence, which
# laboratory abstracts open with as often as clinical ones
STUDIED_IN_VIVO = _rx(
    r"\bin vivo\b",
    r"\b\d[\d,]* ([\w-]+ )?(patients|participants|subjects|volunteers|children|adults|"
    r"women|men|individuals|cases|persons|people|respondents)\b",
    r"\b(patients|participants|subjects|volunteers|respondents) (were|was|who|received|"
    r"underwent|completed)\b",
    r"\b(enrolled|recruited|questionnaires?|interviews?)\b",
    r"\b(rats?|mice|mouse|rodents?|animals?|pigs?|dogs?|rabbits?|monkeys?|primates?|"
    r"zebrafish|sheep|cats?)\b",
    r"\b(xenograft|transplanted into|injected into|implanted)\b",
)
# people who appear only as the donors of the cells a laboratory paper studies:
# "fibroblasts isolated from three patients", "patient-derived cells",
# "monocytes obtained from 12 healthy donors", "patients' fibroblasts".  Cells, not
# samples: serum, blood or tissue analysed per patient is how observational studies
# compare groups (docs/design-labelling.md), while cultured cells are material for
# an experiment.  design_decisions.in_vitro_patient_cells strikes these phrases out
# and asks STUDIED_IN_VIVO of what is left.
_DONORS = r"(patients?|donors?|volunteers|subjects|individuals|children|adults|controls)"
_DONATED_CELLS = (
    r"(cells|fibroblasts|keratinocytes|lymphocytes|monocytes|macrophages|neutrophils|"
    r"t[\s-]cells|b[\s-]cells|pbmcs?|myoblasts|chondrocytes|osteoblasts|hepatocytes|"
    r"neurons|astrocytes|stem cells|progenitors|ipscs?|organoids|cultures|cell lines?|"
    r"explants|isolates)"
)
PATIENT_CELLS = _rx(
    rf"\b(patient|donor)[\s-]derived ([\w-]+ ){{0,2}}?{_DONATED_CELLS}",
    rf"\b{_DONATED_CELLS} (were |was )?(isolated|obtained|derived|collected|harvested|"
    rf"taken|established|generated|prepared|cultured|grown|expanded) from "
    rf"(the )?(\d[\d,]* |one |two |three |four |five |six |ten )?([\w-]+ ){{0,3}}?{_DONORS}\b",
    # "patient fibroblasts", "patients' primary fibroblasts", "donor cells" (at most one
    # word between: "patient tissues and cell lines" is two kinds of material)
    rf"\b(patient|donor)(s'|'s|s)? ([\w-]+ )?{_DONATED_CELLS}",
    rf"\b{_DONATED_CELLS} (of|from) (\d[\d,]* )?([\w-]+ ){{0,3}}?{_DONORS}\b",
)
# what is done to living animals: an experiment in vivo, whatever bench work it adds;
# its absence leaves an animal's genes, cloned cDNAs or isolated cells as material
# only (cells harvested from animals and studied in culture are in vitro)
ANIMAL_IN_VIVO = _rx(
    r"\bin vivo\b",
    r"\b(xenografts?|injected|injections?|administ\w+|intraperitoneal\w*|gavage|"
    r"subcutaneous\w*|intravenous\w*|implanted|transplant\w*|grafted|anesthe\w+|"
    r"anaesthe\w+|sacrificed|euthani[sz]ed|lesions?|surgery|surgical|behaviou?r\w*|"
    r"survival|fed|diet|knockout|transgenic|model of|infected|infection|"
    r"treated (rats|mice|animals)|(rats|mice|animals|dogs|pigs) were)\b",
)
# a laboratory paper's in-vivo part where it names no species: "in vivo and in
# vitro experiments", xenografts, tumour-bearing hosts
ANIMAL_XENO = _rx(r"\bin vivo\b", r"\bxenograft\w*", r"\btumou?r[\s-]bearing\b")
# "in vitro" as the study's own setting, not a mention ("an in vitro study in
# human cultured lymphocytes", "the present study was performed in vitro", "we
# used an in vitro migration assay"): the paper's framing of itself, which holds
# even where the abstract's background names patients
IN_VITRO_OWN = _rx(
    r"\b(an|this|the present|our|the current) in vitro (study|model|assay|experiment|"
    r"investigation|analysis|evaluation|system|approach)",
    r"\b(studies|study|experiments?|investigations?) (was|were) (performed|conducted|carried out|"
    r"done) in vitro\b",
    r"\bwe used an? in vitro\b",
    # the kind of laboratory study named between (vitro10): "an in vitro biomechanical
    # study", "Study design: In vitro cadaveric study", "in vitro comparative study";
    # words of three letters or more, so not "study" the verb ("an in vitro model to
    # study", "candidates to study") nor "in vitro in this study" of a paper that may
    # go on in vivo (fixv10)
    r"\bin vitro ([a-z][a-z-]{2,} ){0,2}study\b",
)

# the subject of laboratory work: cells, cultures, tissue kept in the dish, microbes
# and their strains, organoids (design_decisions.in_vitro_subject asks them of the
# title, and of the abstract's sentences where the authors speak of their own work)
LAB_SUBJECT = _rx(
    r"\b(cells|cell lines?|cell cultures?|cultured|cultures|in vitro|ex vivo|organoids?|"
    r"spheroids|explants|fibroblasts|keratinocytes|(cardio)?myocytes|myoblasts|hepatocytes|"
    r"chondrocytes|osteoblasts|osteoclasts|macrophages|monocytes|neutrophils|lymphocytes|"
    r"pbmcs?|platelets|erythrocytes|astrocytes|microglia|oligodendrocytes|oocytes|isolates|"
    r"strains|bacteria|yeast|biofilms?|in silico|molecular (dynamics )?simulations?|"
    r"monte carlo|finite element|docking|nanoparticles|bioinformatic\w*)\b",
    # the subject's handling in the dish, whatever it is: "sperm were incubated in
    # hypo-osmotic media", "T cells co-cultured with the medium" (nr8)
    r"\b(incubated (in|with) ([\w-]+ ){0,3}?(media|medium|buffer|solution)|co-?cultured?)\b",
    # what cells do, as a subject: "promotes cell migration", "a regulator of cell survival"
    r"\bcell (migration|proliferation|death|cycle|viability|growth|invasion|motility|"
    r"survival|differentiation)\b",
    # cells taken out of an organism to be studied outside it, whatever their kind:
    # "neurons acutely isolated from adult rats", "dendritic cells obtained from
    # BALB/c mice", "Schwann cells were harvested from": the organism is the source
    r"\b(cells|neurons|myocytes|cardiomyocytes|fibroblasts|lymphocytes|monocytes|"
    r"macrophages|platelets|hepatocytes|astrocytes|microglia|oocytes|sperm|spermatozoa|"
    r"synaptosomes|mitochondria|microsomes) (were |was )?(acutely |freshly |enzymatically "
    r"|mechanically )?(isolated|dissociated|harvested|obtained|prepared|purified|collected"
    r"|derived|cultured) from\b",
    # molecules and materials made or characterised at the bench (docs/design-
    # labelling.md: "molecules, materials"): their making and their physics.  Not
    # scaffolds or hydrogels, which are as often implanted into animals whose
    # abstract never says so in the words LIVING_STUDIED knows
    r"\b(composites?|electrodes?|catalysts?|polymers?|copolymers?|"
    r"thin films|nanofibers|nanofibres|nanocomposites?|alloys?|perovskites?|crystals|"
    r"ligands|metal complexes|coordination compounds?|density functional theory|dft "
    r"calculations?|quantum (chemical|mechanics?|mechanical) calculations?|"
    r"immunoinformatics?|(epitope|vaccine) design|physicochemical properties)\b",
)
# stem-cell material made in the lab, named by a title (vitro9): induced pluripotent
# stem cells and lines, embryonic stem-cell lines, and cells or organoids derived from
# them.  A line report names its donor by age and sex ("... from a 25-year-old male
# patient with multiple sclerosis"), which the case cues take for a case
DERIVED_MATERIAL = _rx(
    r"\b(induced pluripotent stem cells?|i?ps cells?|h?ipscs?|h?ipsc[\s-](lines?|derived)|"
    r"(embryonic |pluripotent )?stem cell lines?|h?esc lines?)\b",
)
# the paper's own making of that material: generated, established, reprogrammed,
# derived, differentiated, characterised
DERIVED_MADE = _rx(
    r"\b(generated|generation|established|reprogrammed|reprogramming|derived|"
    r"differentiated|characteri[sz]ed|characteri[sz]ation)\b",
)
# the assay of a line's pluripotency in mice ("teratoma formation"), which a line
# report names without studying the animal
TERATOMA = _rx(r"\bteratomas?( formation| assays?)?( in vivo| in (nude |scid )?mice)?")
# computation as the paper's own work (vitro9): the artefact an own sentence presents
# or develops.  With COMPUTED_BIOLOGY and no CLINICAL_DATA it is in silico work,
# which the labelling rules call in vitro
COMPUTED_OWN = _rx(
    r"\b(software|toolkit|toolbox|web ?server|pipelines?|algorithms?|estimators?|"
    r"(r|python|matlab) package|(computational|mathematical|in silico|stochastic|kinetic|"
    r"probabilistic|deep[\s-]learning|machine[\s-]learning) (models?|frameworks?|methods?|"
    r"approach(es)?)|simulations?|simulated)\b",
)
# the biological objects such computation works on
COMPUTED_BIOLOGY = _rx(
    r"\b((dna|rna|protein|peptide|genome|amino acid|nucleotide|viral|bacterial) sequences?|"
    r"sequencing (data|reads)|sequence (alignments?|reads|data)|reads|genomes?|genomic|"
    r"transcriptom\w*|transcripts|rna-seq|single-cell rna|"
    r"proteins?|proteom\w*|metabol\w+ (networks?|fluxe?s?)|fluxes|metagenom\w*|"
    r"microbiom\w*|phylogen\w*|genes|alleles|molecules|neurons|neuronal|synap\w+|"
    r"ion channels?)\b",
)
# people or their clinical data as the computation's material: then it is a study of
# people or a clinical method ("other"), not in silico work; nor engineering
CLINICAL_DATA = _rx(
    r"\b(patients?|participants?|clinical|clinics?|hospitals?|health ?care|physicians?|"
    r"nurses?|cohorts?|images?|imaging|scans?|mri|ct|pet|eeg|ecg|records?|questionnaires?|"
    r"surveys?|trials?|volunteers|subjects|individuals|people|population-based)\b",
    # nor environmental engineering or bibliometrics, "other" by the labelling rules
    r"\b(bio)?reactors?\b", r"\b(soils?|sediments?|wastewater|bibliometric\w*)\b",
)
# a past-tense sentence about the history of a subject ("EBV was discovered 40
# years ago from cells cultured from ..."), which OWN_SENTENCE's past passive
# must not take for the paper's own work
HISTORY = _rx(
    r"\b(years|decades|centur(y|ies)) ago\b",
    r"\b(was|were) (first )?(discovered|described|introduced|invented|reported)\b",
    r"\b(in|since|by) (the )?(1[89]\d\d|20[0-2]\d)s?\b",
)
# the sentences in which authors speak of their own work ("we ...", "in this study",
# "here", "the present work"): the scope in which LAB_SUBJECT names what was studied
OWN_SENTENCE = _rx(
    r"\b(we|our)\b",
    r"\b(this|the present|the current) (study|work|investigation|report|paper)\b",
    r"\bhere(in)?\b",
    # the report of what was done, in the past passive of methods and results
    # ("currents were studied with whole-cell recording from neurons ...", "the
    # cells were treated with"): older abstracts and many methods sections never
    # say "we".  Background sentences speak in the present ("X is a receptor") or
    # perfect ("has been shown"), and sentences about other studies are out of
    # scope already (monitor/triage/scope.py)
    r"\b(was|were) ((\w+ly|then|also|further|first|subsequently) )?(\w+ed|made|grown|"
    r"done|seen|found|shown|taken|given|kept|run|built|chosen|drawn|spun)\b",
)
# a living organism studied: what is done to animals (injected, fed, anaesthetised,
# a model, a xenograft, "in vivo"), or people counted, enrolled or asked; not an
# animal or patient named only as the source of cells or as a background.  Unlike
# ANIMAL_IN_VIVO it leaves "survival", "lesions" and "infection" of cells alone.
LIVING_STUDIED = _rx(
    # "in vivo" as experiments (not "an in vivo biotin tagging technology", "the in
    # vivo situation"): "in vitro and in vivo", "in vivo experiments", "... in vivo."
    r"\b(in vitro|ex vivo|both) and in vivo\b",
    r"\bin vivo (and|or) (in vitro|ex vivo)\b",
    r"\bin vivo (experiments?|studies|study|assays?|models?|tumou?rs?|growth|imaging|"
    r"administration|treatment|efficacy|data|results|evidence|analys[ie]s|tests?|testing|"
    r"metastas[ie]s|xenografts?)\b",
    r"\bin vivo\s*[,.;:)]",
    r"\b(xenograft\w*|tumou?r[\s-]bearing|nude mice|knockout mice|transgenic (mice|rats|"
    r"animals|zebrafish)|(mouse|mice|rat|murine|animal|rodent|porcine|canine|rabbit|"
    r"pig|dog|primate|zebrafish)( [\w-]+){0,2} models?)\b",
    r"\b(models?|experiments?|assays?|efficacy|effects?|tumou?rs?) in vivo\b",
    # what the paper did to animals, whatever words stand between: "surgery was
    # conducted on mice", "male rats from both strains were divided into groups"
    r"\b(conducted|performed|carried out|done|induced) (on|in) ([\w-]+ ){0,2}?(rats|mice|"
    r"animals|dogs|pigs|rabbits|monkeys|sheep|cats|zebrafish)\b",
    r"\b(rats|mice|animals|dogs|pigs|rabbits|monkeys|sheep|cats|hamsters|zebrafish|fish|"
    r"bivalves|molluscs|chickens|birds|insects|flies|worms|larvae) (exposed|treated|fed|"
    r"injected|infected) (to|with)\b",
    r"\b(rats|mice|animals|dogs|pigs|rabbits|monkeys|sheep|cats|hamsters|zebrafish)"
    r"( [\w-]+){1,4} (were|was) (divided|randomi[sz]ed|assigned|allocated|fed|given|treated|"
    r"injected|housed|killed|sacrificed|exposed|an(a)?esthetized|operated|immunized|"
    r"infected|subjected)\b",
    r"\b(intraperitoneal\w*|gavage|subcutaneous\w*|intravenous\w*|intrathecal\w*|"
    r"an(a)?esthe[tz]i[sz]ed|sacrificed|euthani[sz]ed|behaviou?ral)\b",
    # genetically altered animals studied as such, and organisms studied whole
    r"\b(mutant|deficient|knockout|knock-?in|transgenic|conditional|wild[\s-]type|"
    r"littermate) (mice|rats|animals|flies|worms|zebrafish|embryos|larvae)\b",
    r"\b(littermates|mice (lacking|deficient|carrying|expressing|with))\b",
    r"\b(drosophila|fly|zebrafish|worm) (testis|testes|ovary|ovaries|gut|brain|wing|eye|"
    r"embryos?|larvae?)\b",
    r"\b(rats?|mice|animals|dogs|pigs|piglets|rabbits|monkeys|sheep|cats|hamsters|"
    r"zebrafish|larvae|chicks|ewes|lambs|cattle|horses) (were|was|received|underwent|"
    r"treated|given|fed|subjected|exposed|injected|immunized|infected)\b",
    r"\b(injected|administered|infused|implanted|transplanted|grafted|fed) (in|into|to) "
    r"(the )?([\w-]+ )?(rats?|mice|animals|dogs|pigs|rabbits|monkeys|sheep|zebrafish|hosts)\b",
    # the same acts named as nouns ("after tail vein injection into rats"), and animals
    # named with what was done to them in the body ("in ovariectomized (OVX) rats"),
    # as ALTERED_ANIMALS reads them (vitro10)
    r"\b(injections?|infusions?|administration|transplantation|implantation|grafting) "
    r"(in|into|to) (the )?([\w-]+ )?(rats?|mice|animals|dogs|pigs|rabbits|monkeys|sheep|"
    r"zebrafish|hosts)\b",
    r"\bin ([\w-]+(ed|ic) )(\([\w-]+\) )?(rats|mice|dogs|pigs|rabbits|monkeys|sheep|cats|"
    r"zebrafish|primates|macaques)\b",
    r"\bin (adult |male |female |neonatal |aged |young |pregnant |conscious |anesthetized "
    r"|anaesthetized |diabetic )?(rats|mice|dogs|pigs|rabbits|monkeys|sheep|cats|zebrafish|"
    r"chicks|primates)\b",
    # non-human primates named by their kind ("in rhesus macaques", "in cynomolgus
    # monkeys"): the species whose experiments abstracts name by strain or by kind
    # rather than by the words above (vitro10); plural nouns only, as for the species
    # above, since the singular names their cells or someone's model ("in rhesus
    # monkey kidney cells", "in rhesus macaque models" of a background sentence; fixv10)
    r"\b(in|into) (\d+ )?((rhesus|cynomolgus) )?(macaques|monkeys)\b",
    r"\b(in|into) (\d+ )?(nonhuman primates|non-human primates|marmosets|baboons)\b",
    r"\b\d[\d,]* ([\w-]+ )?(patients|participants|subjects|volunteers|children|adults|"
    r"women|men|individuals|persons|people|respondents|rats|mice|animals|dogs|pigs|rabbits)\b",
    r"\b(patients|participants|subjects|volunteers|respondents) (were|was|who|received|"
    r"underwent|completed)\b",
    r"\b(enrolled|recruited|questionnaires?|interviews?)\b",
    # people compared as groups: "patients (n = 40)", "healthy controls"
    r"\b(patients|participants|subjects|controls|cases|individuals|women|men|children)\s*"
    r"\(n\s*=",
    r"\b(healthy|matched|age-matched|normal) controls\b",
)

# the paper's own experiment on living animals, said in any of the ways abstracts
# say it when the population facet did not settle on "animal" (patients in the
# background, human cells or antibodies beside the mice, or a species the
# vocabulary does not name): design_decisions.animal_own_experiment asks it of the
# title and the abstract's own sentences.  Animal-specific only: people studied
# are STUDIED_PEOPLE's, and a bare "in vivo" is IN_VIVO_PAIR's (it needs cells)
_SPECIES = (
    r"(rats|mice|animals|dogs|pigs|piglets|rabbits|monkeys|macaques|primates|sheep|cats|"
    r"hamsters|gerbils|ferrets|voles|zebrafish|fish|larvae|tadpoles|flies|worms|"
    r"chicks|ewes|lambs|heifers|cattle|calves|horses|birds)"
)
ANIMAL_OWN = _rx(
    # a model named by its species or its making: "a mouse model", "a xenograft model",
    # "Tg2576 mice", "Senp2-aKO mice", "IFN-gammaR(-/-) mice", "STAT1-/- animals"
    # (a species' models in the plural, but "animal models" only as one model of the
    # paper's own: "in human and animal models", "animal models of stroke" are how
    # reviews and introductions speak of a literature)
    r"\b(mouse|mice|rat|murine|rodent|porcine|canine|ovine|rabbit|pig|dog|primate|"
    r"zebrafish|xenograft)( [\w-]+){0,2} models?\b",
    r"\b(our|this|the present|the same) ([\w-]+ ){0,2}?animal model\b",
    r"\b(established|developed|generated|created|we used) an? ([\w-]+ ){0,2}?animal model\b",
    r"(-/-|\(-/-\)|ko|cko|null|deficient|knockout|knock-?in|transgenic|floxed|"
    r"mutant|congenic|nude|scid|athymic) (mice|rats|animals|zebrafish|flies|larvae)\b",
    # passive or active report of what was done to them, whatever words stand between
    r"\b" + _SPECIES + r"( [\w-]+){0,4} (were|was) (divided|randomi[sz]ed|assigned|allocated|"
    r"fed|given|treated|injected|housed|killed|sacrificed|exposed|an(a)?esthetized|operated|"
    r"immunized|vaccinated|infected|challenged|reared|raised|bred|subjected|implanted|"
    r"inoculated|dosed|studied|used|examined)\b",
    r"\b" + _SPECIES + r" (received|underwent|developed|showed|exhibited|displayed)\b",
    r"\b(immunized|vaccinated|infected|inoculated|treated|challenged|injected|fed) "
    r"([\w-]+ ){0,2}" + _SPECIES + r"\b",
    r"\bwe (used|generated|created|established|bred|crossed|engineered) ([\w()/+-]+ ){0,4}?"
    + _SPECIES
    + r"\b",
    r"\b(by|after) (generating|creating|using) ([\w()/+-]+ ){0,4}?" + _SPECIES + r"\b",
    # (not "intraperitoneal" or "sacrificed": chemotherapy and researchers' plans have them)
    r"\b(intracerebroventricular\w*|gavage|euthani[sz]ed|hindlimb suspension|tail vein)\b",
)
# cells or tissue and the animals they were taken from, as the paper says where its
# material came from: "anterior pituitary cells from adult rats were dispersed",
# "neurons isolated from neonatal rat pups", "oocytes of heifers".  The animals there
# are the material's source, not the study's subjects (docs/design-labelling.md:
# cells harvested from animals and studied only in culture are `in_vitro`), so
# design_decisions.in_vitro_subject strikes the phrase out before it asks
# LIVING_STUDIED.  Group 1 holds the animals' modifiers: donors changed in the
# living body ("injured", "ovariectomized", "diabetic", "knockout") or described by
# what follows ("rats treated with ...", "mice with SCI") are an experiment in vivo,
# and the phrase stays (SOURCE_ALTERED, SOURCE_FOLLOWED)
_SOURCE_CELLS = (
    r"(?:cells|fibroblasts|keratinocytes|lymphocytes|monocytes|macrophages|neutrophils|"
    r"myoblasts|chondrocytes|osteoblasts|osteoclasts|hepatocytes|adipocytes|neurons|"
    r"astrocytes|microglia|oligodendrocytes|cardiomyocytes|myocytes|splenocytes|thymocytes|"
    r"platelets|erythrocytes|oocytes|sperm|spermatozoa|embryos|progenitors|cultures|"
    r"explants|slices|synaptosomes|mitochondria|microsomes)"
)
_SOURCE_SPECIES = (
    r"(?:rats?|mice|mouse|animals|dogs|pigs|piglets|rabbits|monkeys|macaques|primates|sheep|"
    r"cats|hamsters|gerbils|ferrets|voles|zebrafish|fish|larvae|chicks|chickens|hens|quail|"
    r"ewes|lambs|heifers|cows|bulls|boars|sows|cattle|calves|goats|horses|birds|pups|"
    r"embryos|fetuses|foetuses|neonates)"
)
# animals randomised: a species named in the sentence that randomises (med9: "mongrel
# pigs were subjected to tissue injury plus hemorrhage and randomized to receive ..."),
# with no person in it; fetuses, neonates and embryos are people's too
ANIMALS_RANDOMISED = _rx(
    r"\b(rats?|mice|mouse|animals|dogs|pigs|piglets|swine|rabbits|monkeys|macaques|primates|"
    r"sheep|cats|hamsters|gerbils|ferrets|zebrafish|chicks|chickens|hens|ewes|lambs|heifers|"
    r"cows|cattle|calves|goats|horses|rodents)\b"
)
# ... specimens, cadavers, samples, cells or materials (issue 19, spec9): what a
# laboratory or biomechanical study randomises to its groups when no living being is
# randomised ("thirty-six cadaveric vertebrae were randomly divided into three groups",
# "the specimens were randomly assigned"); docs/design-labelling.md: work on materials,
# tissue or cells without living animals or patients is in vitro.  Not teeth, implants,
# plates, screws or blocks: split-mouth and fixation trials randomise those in patients,
# and field trials randomise blocks
MATERIALS_RANDOMISED = _rx(
    r"\b(specimens?|cadavers?|cadaveric|vertebral bodies|motion segments|femurs|femora|"
    r"samples|constructs|cells|cultures|explants|slices|sawbones|wells)\b"
)
# ... and what a cohort word may be said of in a laboratory paper (vitro10): its
# material or its data, not people ("retrospective analysis of an independent data
# set", "cross-sectional and longitudinal metagenomic data", "a cohort of cell lines");
# design_decisions.observational asks it of the cue's own sentence
MATERIAL_OBSERVED = _rx(
    r"\b(data ?sets?|transcriptom\w*|metagenom\w*|genom(es?|ic)|sequenc(es|ing)|"
    r"cell lines?|cells|cultures|strains|specimens?|cadavers?|cadaveric|"
    r"simulations?|in silico)\b"
)
# ... unless that sentence names people's tissue or tumours: patients' samples
# compared as groups are observational (docs/design-labelling.md)
TISSUE_OBSERVED = _rx(r"\b(tissues?|tumou?rs|biops(y|ies)|sera|plasma|blood|autops\w*)\b")
# ... animals of owners, a clinic's patients (a veterinary field trial of client-owned
# dogs): neither a trial in people nor an experiment (docs/design-labelling.md)
OWNED_ANIMALS = _rx(
    r"\b(client[\s-]owned|privately owned|owned|owners?|pets?|companion|"
    r"households?|veterinary)\b"
)
PEOPLE_RANDOMISED = _rx(
    r"\b(patients?|participants?|subjects|volunteers|people|persons|men|women|children|"
    r"adults|infants|neonates|students|smokers|residents|individuals|athletes|veterans)\b"
)
ANIMAL_SOURCE = _rx(
    rf"\b{_SOURCE_CELLS} (?:were |was )?(?:\w+ly )?(?:isolated |obtained |derived |"
    r"collected |harvested |taken |dispersed |dissociated |prepared |cultured |grown |"
    r"established |purified |excised |removed |dissected )?(?:from|of) (?:the )?"
    rf"((?:\d[\d,]* )?(?:[\w-]+ ){{0,3}}){_SOURCE_SPECIES}\b",
)
# a donor animal changed in the living body, by its modifiers (checked word by word:
# a past participle other than the breeding words, or a disease or genotype)
SOURCE_ALTERED = _rx(
    r"\b(\w+ed|sci|diabetic|knockout|ko|transgenic|mutant|deficient|null|obese|"
    r"hypertensive|tumou?r-bearing|[\w-]*-/-)$",
)
SOURCE_BRED = frozenset({"aged", "inbred", "outbred", "crossbred", "purebred", "bred"})
# animals named with a change made to them in the living body, anywhere in a text
# ("poloxamer-induced hyperlipidemic rats", "diabetic mice", "untreated rats"): group
# 1, the modifier, by its ending (a past participle or a disease adjective), less
# the breeding words (SOURCE_BRED)
ALTERED_ANIMALS = _rx(rf"\b([\w-]+(?:ed|ic)) {_SOURCE_SPECIES}\b")
# living animals named at all, or "in vivo": where a paper on cells names them in
# its own text, it may hold an animal experiment in words ANIMAL_OWN does not know
# ("in vivo data from a xenotransplantation model", "a model of ... in rat",
# "administration ... reduced the lesions in the lungs of mice");
# design_decisions.in_vitro_title_cells then leaves the paper to the other decisions
ANIMALS_NAMED = _rx(r"\bin vivo\b", rf"\b{_SOURCE_SPECIES}\b", r"\b(rat|murine|rodents?)\b")
# a title that asks how something goes with the patients' disease ("correlation of
# ... with pathological characteristics", "association between ... polymorphisms
# and risk"): the people are compared, an observational question
# (and "its relationship with": the same question by another word, fixs8: "LAG-3
# protein expression in non-small cell lung cancer and its relationship with PD-1/PD-L1
# and tumor-infiltrating lymphocytes", 139 patients' specimens and their survival)
ASSOCIATION_TITLE = _rx(
    r"\b(correlat\w*|associations?|association between|relationships?|risk of)\b"
)
# patients' samples or specimens counted as the material ("cell lines and samples of
# 40 patients were compared", "139 surgically resected specimens from patients"): the
# patients' tissue as taken is studied beside any cells, an observational part the
# title's cells do not outrank (design_decisions.in_vitro_title_cells; fixs8: the
# older test_design_confidence case vitro8's rule had turned in vitro)
PATIENTS_SAMPLED = _rx(
    r"\b(samples|specimens|biops(y|ies)|tumou?rs) (of|from) (\d[\d,]*|all) ([\w-]+ ){0,3}?"
    r"(patients|cases)\b",
    r"\b\d[\d,]* ([\w-]+ ){0,3}?(samples|specimens|biopsies|tumou?rs) (of|from) "
    r"([\w-]+ ){0,2}?(patients|cases)\b",
)
# outcomes only a whole living organism has (brood size, offspring, lifespan,
# developmental rate, hatching, egg-laying): where a paper on an animal's material
# measures one, the organism was studied alive, whatever its species ("we measured
# brood sizes and developmental rates of wild C. elegans strains after exposure to the
# drug": worms, flies, larvae, copepods, which LIVING_STUDIED's species do not all
# name); design_decisions._animal_material then leaves it an animal study (fixs8)
WHOLE_ORGANISM = _rx(
    # (not "mortality", "paralysis", "locomotor", "fertility" or "swimming": a cell
    # paper's background or sperm in the dish say them too)
    r"\b(brood sizes?|offspring|fecundity|life[\s-]?spans?|longevity|"
    r"developmental (rates?|delays?|timing|arrest)|hatch(ing|ability|ed)|"
    r"egg[\s-]laying|oviposition|crawling|thrashing|"
    r"whole[\s-](organisms?|animals?|worms?|larvae|flies|embryos)|"
    r"living (organisms?|animals|worms|larvae|flies|embryos)|"
    r"(worms|nematodes|flies|larvae|embryos|copepods|insects|daphnids|tadpoles) "
    r"((were|was) )?(exposed|treated|fed|raised|reared|grown)\b)",
)
# what follows the donor animals when they were changed in the living body
SOURCE_FOLLOWED = _rx(
    r"^\s*(that|which|who|treated|injected|immunized|immunised|infected|fed|given|exposed|"
    r"subjected|receiving|bearing|lacking|carrying|expressing|undergoing|with|after|"
    r"following|at \d+ (days|weeks|hours) (after|post))\b",
)
# "in vivo" as the paper's own experiment beside its cells ("depletion inhibited
# proliferation in vivo and in vitro", "in vivo experiments", xenografts): with the
# cells a laboratory paper names, the in-vivo part is animals'
IN_VIVO_PAIR = _rx(
    r"\b(in vitro|ex vivo|both) and in vivo\b",
    r"\bin vivo (and|or) (in vitro|ex vivo)\b",
    r"\bin vivo (experiments?|studies|study|assays?|models?|tumou?r growth|xenografts?)\b",
    r"\b(xenograft\w*|tumou?r[\s-]bearing)\b",
)
# a sentence that reports other people's work ("consistent with findings from
# previous in vitro and in vivo work") where the scope did not cut it out
OTHERS_WORK = _rx(
    r"\b(previous|previously|prior|earlier|published|past|existing|other) ([\w-]+ ){0,6}?"
    r"(work|studies|study|findings|reports|data|experiments|research|literature|"
    r"investigations)\b",
    r"\b(have|has) (been )?(\w+ly )?(shown|demonstrated|reported|described)\b",
    r"\b(et al|and colleagues|and co-?workers)\b",
    r"\b(can|could|should|will|may|might) be ([\w-]+ ){0,3}?(tested|validated|evaluated|"
    r"confirmed|examined|taken|investigated|studied|explored)\b",
    # wanted or planned work ("after in vitro and in vivo examination, in future")
    r"\b(in (the )?future|future (studies|work|research|experiments)|further (studies|"
    r"research|investigations?|experiments)|(are|is) (needed|required|warranted))\b",
)
# a text that reads as a review of others' work, where no review decision fired
# ("the aim of this study is to review ...", "... : an update")
REVIEW_AIM = _rx(
    r"\b(to|we) (review|summari[sz]e|overview)\b",
    r"\bthis (review|article reviews|paper reviews)\b",
    r"\b(an|this) update\b",
    r"\bcurrent (knowledge|understanding|evidence)\b",
)
# people studied in the paper's own text: counted, enrolled, compared as groups
STUDIED_PEOPLE = _rx(
    r"\b\d[\d,]* ([\w-]+ )?(patients|participants|subjects|volunteers|children|adults|"
    r"women|men|individuals|persons|people|respondents|infants|cases)\b",
    r"\b(patients|participants|subjects|volunteers|respondents) (were|was|who|received|"
    r"underwent|completed)\b",
    r"\b(enrolled|recruited|questionnaires?|interviews?)\b",
    r"\b(patients|participants|subjects|controls|cases|individuals|women|men|children)\s*"
    r"\(n\s*=",
    r"\b(healthy|matched|age-matched) (controls|volunteers)\b",
)

# tissue or samples examined as they were taken (biopsies, sections, specimens,
# immunohistochemistry) or related to a prognosis: people's or animals' tissue
# studied per individual, which is an observational or animal study, not the dish's
# unless the abstract also names cultures, cell lines or transfection
# (IN_VITRO_MATERIALS)
TISSUE_AS_TAKEN = _rx(
    r"\b(biops(y|ies)|specimens|(tissue|tumou?r|blood|serum|plasma|synovial|surgical|"
    r"autopsy|clinical) samples|sections|immunohistochemi\w*|immunostain\w*|histolog\w*|"
    r"histopatholog\w*|clinicopatholog\w*|tumou?r grade|prognos\w*|autops\w*)\b",
)

# an animal's organ or tissue studied as taken, outside the body but not kept in
# culture (docs/design-labelling.md: `animal` covers "organs/tissue taken in the
# experiment (in vivo or ex vivo)"; only "tissue slices kept in culture" and cells
# harvested are `in_vitro`): aortic rings, muscle strips, acute slices, isolated
# perfused hearts.  design_decisions.in_vitro_subject leaves these to the
# population's "animal" unless the abstract names cultures or cell lines
EX_VIVO_TISSUE = _rx(
    r"\b(aortic|arterial|tracheal|muscle|ileal|uterine|vascular|bladder|detrusor|"
    r"papillary|atrial) (rings?|strips?|segments?|preparations?)\b",
    r"\b(rings|strips|segments) of ([\w-]+ ){0,3}?(aorta|arter\w+|muscle|ileum|trachea|"
    r"uterus|bladder|vein)\b",
    r"\b(brain|hippocampal|cortical|striatal|spinal cord|brainstem|retinal|cerebellar) "
    r"slices?\b",
    r"\bslice preparations?\b",
    # slices cut and recorded the same day ("acute mouse pancreatic tissue slices"):
    # kept in culture they are the dish's (IN_VITRO_CULTURE)
    r"\bacute ([\w-]+ ){0,3}?slices?\b",
    r"\bisolated ([\w-]+ ){0,2}?(perfused )?(hearts?|aortas?|ileum|trachea|retinas?|"
    r"lungs?|kidneys?|livers?|bladders?|muscles?|nerves?|organs?)\b",
    r"\b(perfused|superfused) ([\w-]+ ){0,2}?(hearts?|retinas?|lungs?|kidneys?|livers?|"
    r"organs?)\b",
)

# tissue kept in the dish: the part of EX_VIVO_TISSUE the rules call in vitro
IN_VITRO_CULTURE = _rx(
    r"\b(cultured|cultures?|organotypic|cell lines?|in culture|explant cultures?)\b",
)

# a title that names people as where the study was done ("... in patients with
# unicompartmental knee arthroplasty", "among older adults"), not as the cells'
# donors ("fibroblasts from patients with ..."): its cells are the people's
PEOPLE_IN_TITLE = _rx(
    r"\b(in|among) ([\w-]+ ){0,2}?(patients|participants|children|adults|women|men|"
    r"volunteers|humans|subjects|infants|survivors)\b",
)

# every pattern the design decisions ask of a title, and of an abstract: each text
# is scanned once for all of them (see fastre.PatternSet)
TITLE_SET = PatternSet(
    # the case phrases apart, as in ABSTRACT_SET: with them the one automaton took
    # 9.8 µs per title of the update file, 5.2 µs as two passes (2026-12-06)
    [NOTICE_TITLE, COMMENT_NAMED, COMMENT, PROTOCOL, PROTOCOL_TITLE, SR_TITLE, GUIDELINE,
     REVIEW_NAMED, SR_TITLE_TOPIC, QUAL_TITLE, RCT_TITLE, RCT_TITLE_NOT_ONE, RCT_TITLE_SEVERAL,
     RCT_EXCLUDE, RCT_SECONDARY, RCT_SECONDARY_AS_COHORT, CASE_NAMED, CASE_TITLE, CASE_TITLE_WEAK,
     RECORD_REVIEW, REVIEW, QUAL, NONRAND, OBS, OBS_TITLE, DATABASE, IN_VITRO_MATERIALS, IN_VIVO],
    [CASE],
)  # fmt: skip
ABSTRACT_SET = PatternSet(
    # four passes: the three largest alternations (with the laboratory words) apart
    # from the rest, and the case phrases and scope triggers alone, share fewer
    # words per automaton: 21 µs per abstract against 50 µs in one set plus four
    # apart (3,000 abstracts of the update file, 2026-12-06; see PatternSet)
    [SR_TEXT, DATABASE, REVIEW_TEXT, REVIEW_TEXT_WEAK, IN_VITRO_MATERIALS, IN_VIVO],
    [SR_NAMED_TEXT, SR_OPENING, PROTOCOL, PROTOCOL_FUTURE, RCT_TEXT, RCT_EXCLUDE, RCT_SECONDARY,
     RCT_SECONDARY_AS_COHORT, QUAL, NONRAND, OBS, OVERVIEW, ALLOCATED,
     NOT_RANDOMISED],
    [CASE],
    [SCOPE_TRIGGERS, SCOPE_LITERATURE],
    # in the import's classifying child (fastre.LEAN), 2 MiB of RE2 memory per pass,
    # not 8: over the update file's abstracts the four automata kept ~19 MiB of states
    # there (issue 23); 4 MiB saved ~9 of them for ~3% more of triage's CPU (states
    # are rebuilt when the budget is spent), 3 MiB 12-17 for 6%, 2 MiB 15.5 for
    # 10-13%, 1 MiB 19 for 20% (docs/benchmarks.md, 2026-12-06 mem2).  2 MiB (tree2):
    # the child's CPU is not the import's critical path (the storing parent's is, 9.3
    # s vs 7.1 s on the update file), its memory is half the tree's.  The other
    # patterns' 8 MiB is no lever: 1 or 2 MiB left the child's peak unchanged.
    # Elsewhere the fast regime's 64 MiB.
    lean_max_mem=2 << 20,
)  # fmt: skip
