import { equal } from "node:assert/strict";
import { didYouMean, editDistance } from "./edit_distance.ts";

Deno.test("edit distance: transpositions count once; did-you-mean picks the nearest typo", () => {
  equal(editDistance("hcp", "hpc"), 1);
  equal(editDistance("databse", "database"), 1);
  equal(editDistance("aws", "azure"), 4);
  equal(didYouMean("hcp", ["aws", "hpc", "azure"]), "hpc");
  equal(didYouMean("hcp", ["aws", "gcp", "hpc"]), "gcp or hpc", "ties are all named");
  equal(didYouMean("databse", ["database", "web"]), "database");
  equal(didYouMean("xyz", ["aws", "hpc"]), null);
  equal(didYouMean("HPC", ["hpc"]), null, "the same name is no typo");
});
