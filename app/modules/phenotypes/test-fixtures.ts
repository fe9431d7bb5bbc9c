// A tiny hand-made ontology in OBO format, shared by the unit tests of this module and of matching.
export const MINI_OBO = `format-version: 1.2
data-version: releases/2020-01-02
date: 02:01:2020 10:00
ontology: hp

[Term]
id: HP:0000001
name: All

[Term]
id: HP:0000118
name: Phenotypic abnormality
is_a: HP:0000001 ! All

[Term]
id: HP:0000707
name: Abnormality of the nervous system
synonym: "Neurological abnormality" EXACT []
is_a: HP:0000118 ! Phenotypic abnormality

[Term]
id: HP:0001250
name: Seizures
alt_id: HP:0002279
def: "Seizures are an \\"intermittent\\" abnormality." [HPO:probinson]
synonym: "Epileptic seizures" EXACT [] ! a comment
synonym: "Fits" RELATED layperson []
is_a: HP:0000707 ! Abnormality of the nervous system

[Term]
id: HP:0002069
name: Generalized tonic-clonic seizures
synonym: "Grand mal seizures" EXACT []
is_a: HP:0001250 ! Seizures

[Term]
id: HP:0007359
name: Focal seizures
is_a: HP:0001250 ! Seizures

[Term]
id: HP:0000152
name: Abnormality of head or neck
is_a: HP:0000118

[Term]
id: HP:0000252
name: Microcephaly
synonym: "Small head" EXACT layperson []
is_a: HP:0000152
is_a: HP:0000707

[Term]
id: HP:0000253
name: Progressive microcephaly
is_a: HP:0000252

[Term]
id: HP:0000284
name: obsolete Abnormality of the ocular region
is_obsolete: true
replaced_by: HP:0000152

[Term]
id: HP:0000057
name: obsolete Clitoromegaly
is_obsolete: true

[Typedef]
id: part_of
name: part of
`;

/** The same kind of content as an official hp.json (OBO Graphs JSON). */
export const OBO_PURL = "http://purl.obolibrary.org/obo/";
const P = OBO_PURL;
export const MINI_OBOGRAPHS = {
  graphs: [
    {
      id: `${P}hp.json`,
      meta: {
        version: `${P}hp/releases/2024-04-26/hp.json`,
        basicPropertyValues: [{ pred: "http://www.w3.org/2002/07/owl#versionInfo", val: "2024-04-26" }],
      },
      nodes: [
        { id: `${P}HP_0000001`, lbl: "All", type: "CLASS" },
        { id: `${P}HP_0000118`, lbl: "Phenotypic abnormality", type: "CLASS" },
        {
          id: `${P}HP_0001250`,
          lbl: "Seizure",
          type: "CLASS",
          meta: {
            definition: { val: "A seizure is an intermittent abnormality." },
            synonyms: [
              { pred: "hasExactSynonym", val: "Epileptic seizure" },
              { pred: "hasRelatedSynonym", val: "Fits" },
            ],
            basicPropertyValues: [{ pred: "http://www.geneontology.org/formats/oboInOwl#hasAlternativeId", val: "HP:0002279" }],
          },
        },
        {
          id: `${P}HP_0000284`,
          lbl: "obsolete Abnormality of the ocular region",
          type: "CLASS",
          meta: { deprecated: true, basicPropertyValues: [{ pred: `${P}IAO_0100001`, val: `${P}HP_0001250` }] },
        },
        { id: `${P}UBERON_0000955`, lbl: "brain", type: "CLASS" },
        { id: `${P}hp#layperson`, type: "PROPERTY" },
      ],
      edges: [
        { sub: `${P}HP_0000118`, pred: "is_a", obj: `${P}HP_0000001` },
        { sub: `${P}HP_0001250`, pred: "is_a", obj: `${P}HP_0000118` },
        { sub: `${P}HP_0001250`, pred: `${P}BFO_0000050`, obj: `${P}UBERON_0000955` },
      ],
    },
  ],
};

