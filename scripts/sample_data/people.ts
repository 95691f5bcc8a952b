/**
 * The fictional Northfield University: principal investigators, their projects,
 * the fund/org each project bills to, and which services each project uses.
 */

/** One research project and where its usage comes from. */
export interface Project {
  id: string;
  /** Fund/org code: ORG-FUND, e.g. CHEM-10423. */
  fund: string;
  /** Sources and services used: aws, azure, gcp, cpu, gpu (HPC), store, archive. */
  uses: string[];
  /** HPC/storage subsidy tier: 100 = fully covered by the institution. */
  subsidy: 0 | 25 | 50 | 100;
}

/** A principal investigator. */
export interface Pi {
  name: string;
  email: string;
  projects: Project[];
}

const p = (id: string, fund: string, uses: string, subsidy: Project["subsidy"]): Project => ({
  id,
  fund,
  uses: uses.split(" "),
  subsidy,
});

/** The PIs, in a fixed order (the order rows are written in). */
export const PIS: Pi[] = [
  {
    name: "Łukasz Dvořák",
    email: "lukasz.dvorak@northfield.edu",
    projects: [p("quantum-materials", "PHYS-20417", "aws cpu store", 50)],
  },
  {
    name: "José Ñúñez",
    email: "jose.nunez@northfield.edu",
    projects: [
      p("catalysis-ml", "CHEM-10423", "aws gcp cpu gpu store", 25),
      p("solvent-screening", "CHEM-10588", "cpu store", 100),
    ],
  },
  {
    name: "Amara Okonkwo",
    email: "amara.okonkwo@northfield.edu",
    projects: [
      p("genome-assembly", "BIOL-30112", "aws cpu store archive", 50),
      p("coral-microbiome", "BIOL-30245", "azure store", 100),
    ],
  },
  {
    name: "Wei Chen",
    email: "wei.chen@northfield.edu",
    projects: [p("climate-downscaling", "GEOS-40021", "gcp cpu gpu store archive", 25)],
  },
  {
    name: "Søren Lindqvist",
    email: "soren.lindqvist@northfield.edu",
    projects: [p("glacier-dynamics", "GEOS-40388", "azure cpu store", 50)],
  },
  {
    name: "Zoë Fairbanks",
    email: "zoe.fairbanks@northfield.edu",
    projects: [
      p("exoplanet-survey", "ASTRO-51007", "aws cpu store archive", 25),
      p("radio-transients", "ASTRO-51122", "gcp gpu", 50),
    ],
  },
  {
    name: "Priya Raghunathan",
    email: "priya.raghunathan@northfield.edu",
    projects: [
      p("llm-alignment", "CS-60210", "aws azure gpu store", 0),
      p("graph-mining", "CS-60344", "gcp cpu", 50),
    ],
  },
  {
    name: "François Lefèvre",
    email: "francois.lefevre@northfield.edu",
    projects: [p("number-theory-sims", "MATH-70015", "cpu", 100)],
  },
  {
    name: "Björn Åkesson",
    email: "bjorn.akesson@northfield.edu",
    projects: [p("ocean-acidification", "OCEAN-80431", "azure cpu store archive", 50)],
  },
  {
    name: "Maria Gonçalves",
    email: "maria.goncalves@northfield.edu",
    projects: [p("connectome-mapping", "NEURO-81220", "aws cpu gpu store", 25)],
  },
  {
    name: "Olumide Adebayo",
    email: "olumide.adebayo@northfield.edu",
    projects: [p("malaria-genomics", "MED-90114", "azure cpu store", 50)],
  },
  {
    name: "Hannah Schäfer",
    email: "hannah.schafer@northfield.edu",
    projects: [p("reading-eye-tracking", "PSYCH-91035", "azure store", 100)],
  },
  {
    name: "Tomás Ó Briain",
    email: "tomas.obriain@northfield.edu",
    projects: [p("labour-markets", "ECON-92007", "aws gcp", 0)],
  },
  {
    name: "Aiko Tanaka",
    email: "aiko.tanaka@northfield.edu",
    projects: [
      p("turbine-cfd", "ENGR-93140", "cpu store", 25),
      p("battery-aging", "ENGR-93202", "azure cpu", 50),
    ],
  },
  {
    name: "Rafael Domínguez",
    email: "rafael.dominguez@northfield.edu",
    projects: [p("clinical-imaging", "MED-90377", "aws azure gpu store archive", 25)],
  },
  {
    name: "Ingrid Næss",
    email: "ingrid.naess@northfield.edu",
    projects: [p("bayesian-epidemics", "STAT-94018", "cpu", 100)],
  },
  {
    name: "Kwame Mensah",
    email: "kwame.mensah@northfield.edu",
    projects: [p("smart-grid", "ENGR-93311", "aws cpu", 50)],
  },
  {
    name: "Elena Petrović",
    email: "elena.petrovic@northfield.edu",
    projects: [
      p("secure-enclaves", "CS-60477", "azure cpu", 50),
      p("compiler-fuzzing", "CS-60512", "cpu", 100),
    ],
  },
  {
    name: "Dmitri Volkov",
    email: "dmitri.volkov@northfield.edu",
    projects: [p("lattice-qcd", "PHYS-20533", "cpu gpu store archive", 25)],
  },
  {
    name: "Grace O'Neill",
    email: "grace.oneill@northfield.edu",
    projects: [p("plant-phenomics", "BIOL-30371", "gcp cpu store", 50)],
  },
  {
    name: "Mateus Araújo",
    email: "mateus.araujo@northfield.edu",
    projects: [p("seismic-imaging", "GEOS-40455", "aws cpu store", 50)],
  },
  {
    name: "Fatima Al-Sayed",
    email: "fatima.alsayed@northfield.edu",
    projects: [p("protein-folding", "CHEM-10650", "cpu gpu store", 0)],
  },
  {
    name: "Liam Mac Giolla Phádraig",
    email: "liam.macgiollaphadraig@northfield.edu",
    projects: [p("galaxy-formation", "ASTRO-51290", "cpu store archive", 25)],
  },
  {
    name: "Sofía Hernández",
    email: "sofia.hernandez@northfield.edu",
    projects: [p("speech-decoding", "NEURO-81304", "aws azure store", 50)],
  },
  {
    name: "Yusuf Demir",
    email: "yusuf.demir@northfield.edu",
    projects: [p("topology-optimization", "MATH-70122", "cpu", 100)],
  },
  {
    name: "Nadia Kowalczyk",
    email: "nadia.kowalczyk@northfield.edu",
    projects: [p("cardiac-models", "MED-90421", "azure cpu store", 25)],
  },
  {
    name: "Henrik Jørgensen",
    email: "henrik.jorgensen@northfield.edu",
    projects: [p("fjord-sediments", "OCEAN-80512", "gcp store archive", 50)],
  },
  {
    name: "Camille Dubois",
    email: "camille.dubois@northfield.edu",
    projects: [p("child-language", "PSYCH-91102", "aws store", 100)],
  },
  {
    name: "Arjun Mehta",
    email: "arjun.mehta@northfield.edu",
    projects: [p("edge-inference", "CS-60633", "aws gcp cpu", 25)],
  },
  {
    name: "Ewa Wiśniewska",
    email: "ewa.wisniewska@northfield.edu",
    projects: [p("survey-weighting", "STAT-94150", "cpu store", 100)],
  },
];

/** Every (PI, project) pair using `use`, in the fixed order. */
export function projectsUsing(use: string): { pi: Pi; project: Project }[] {
  return PIS.flatMap((pi) =>
    pi.projects.filter((pr) => pr.uses.includes(use)).map((project) => ({ pi, project }))
  );
}

/** The Tags JSON of a charge: pi_email, pi_name, project_id, fund_org (+ extras). */
export function tagsFor(
  pi: Pi,
  project: Project,
  overrides: Record<string, string | null> = {},
): string {
  const tags: Record<string, string> = {
    pi_email: pi.email,
    pi_name: pi.name,
    project_id: project.id,
    fund_org: project.fund,
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete tags[k];
    else tags[k] = v;
  }
  return JSON.stringify(tags);
}
