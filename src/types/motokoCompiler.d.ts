/** moc.js, the Motoko compiler the `motoko` package ships (CommonJS, untyped): its raw interface is `Motoko`. */
declare module 'motoko/versions/latest/moc.min.js' {
  const moc: { Motoko: unknown };
  export default moc;
}
