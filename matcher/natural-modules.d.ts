// natural's submodules ship without per-file type declarations; we import only these two
// (the package root is forbidden: it loads dotenv and prints to stdout).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
