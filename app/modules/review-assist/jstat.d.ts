// jstat 1.9.6 ships no types: only the distribution functions review-assist uses are declared.
declare module "jstat" {
  interface JStat {
    ibeta(x: number, a: number, b: number): number;
    lowRegGamma(a: number, x: number): number;
    normal: { cdf(x: number, mean: number, sd: number): number };
    studentt: { cdf(x: number, dof: number): number };
    centralF: { cdf(x: number, df1: number, df2: number): number };
    chisquare: { cdf(x: number, dof: number): number };
  }
  const jStat: JStat;
  export default jStat;
}
