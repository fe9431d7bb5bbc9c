// Common given names, written for name detection. Names that are also everyday or clinical words (Grace, Hope, May,
// June, Mark, Will, Bill, Rose, Faith, Sky…) are left out on purpose: they would flag ordinary prose.
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  `Aaron Abdul Abigail Adam Adrian Ahmed Aisha Alan Albert Alejandro Alex Alexander Alexandra Alice Alicia Ali Amanda Amelia Amy Ana
  Andrea Andrew Angela Anna Anne Anthony Antonio Arjun Arthur Ashley Barbara Ben Benjamin Beth Betty Brandon Brian Carlos Carmen
  Caroline Catherine Charles Charlotte Chen Chloe Christina Christopher Claire Daniel David Deborah Diana Diego Dmitri
  Donald Dorothy Edward Elena Elizabeth Emily Emma Eric Ethan Fatima Fernando Francesca Francis Frank Gabriel Gary George Giulia
  Hannah Hans Harry Helen Henry Hiroshi Hugo Ian Isabella Jack Jacob James Jane Janet Jason Javier Jennifer Jessica Joan John
  Jonathan Jorge Jose José Joseph Joshua Juan Julia Karen Kate Katherine Kevin Kenji Laura Lauren Lei Leonardo Linda Lisa Liam
  Lucas Lucy Luis Luca Margaret Maria María Marie Martin Mary Matthew Mei Michael Michelle Mohammed Muhammad Nancy Natalia Nathan
  Nicholas Nicole Noah Olga Oliver Olivia Omar Oscar Pablo Patricia Paul Pedro Peter Priya Rachel Rahul Rebecca Richard Robert
  Ryan Samantha Samuel Sandra Sarah Sara Sergei Sofia Sophie Stephen Steven Susan Thomas Timothy Valentina Vincent
  Wei William Xin Yuki Yusuf Zoe`
    .split(/\s+/)
    .filter(Boolean),
);
