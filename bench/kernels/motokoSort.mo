// A Motoko canister sorting 100,000 pseudo-random Nats (moc 1.10 via the `motoko` package; mo:core's merge sort).
import Array "mo:core/Array";
import Nat "mo:core/Nat";

persistent actor {
  public func run() : async Nat {
    var x = 12345;
    let values = Array.tabulate<Nat>(100_000, func _ { x := (x * 1_103_515_245 + 12_345) % 2_147_483_648; x });
    let sorted = Array.sort(values, Nat.compare);
    sorted[50_000]
  };
};
