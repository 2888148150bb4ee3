// Creates child canisters with cycles, and sends cycles to the bank: attached, accepted, refunded.
import Child "Child";
import Cycles "mo:core/Cycles";
import Principal "mo:core/Principal";
import Prim "mo:⛔";

persistent actor Factory {
  transient let bank = actor "rrkah-fqaaa-aaaaa-aaaaq-cai" : actor { deposit : () -> async Nat };

  var children : [Child.Child] = [];

  public func spawn(name : Text) : async Principal {
    // moc 1.x attaches cycles to a call with `(with cycles = …)`; creating a canister costs a fee from them.
    let child = await (with cycles = 2_000_000_000_000) Child.Child(name);
    children := [child];
    Principal.fromActor(child);
  };

  public func helloChild() : async Text {
    await children[0].hello();
  };

  public func childBalance() : async Nat {
    await children[0].balance();
  };

  // (accepted by the bank, refunded to us, our balance before, our balance after)
  public func give(amount : Nat) : async (Nat, Nat, Nat, Nat) {
    let before = Cycles.balance();
    let accepted = await (with cycles = amount) bank.deposit();
    (accepted, Cycles.refunded(), before, Cycles.balance());
  };

  // The older way, `Cycles.add` before the call (base's ExperimentalCycles.add is the primitive below).
  public func giveTheOldWay(amount : Nat) : async (Nat, Nat) {
    Prim.cyclesAdd<system>(amount);
    let accepted = await bank.deposit();
    (accepted, Cycles.refunded());
  };
};
