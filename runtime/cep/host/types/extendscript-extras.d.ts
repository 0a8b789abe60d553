// Hand-written: library types that types-for-adobe's AfterEffects typings use but its ES3
// core library (shared/JavaScript.d.ts, loaded with noLib) does not declare.
type Extract<T, U> = T extends U ? T : never;
