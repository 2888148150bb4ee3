// An actor class: each `await Child.Child(name)` creates and installs a new canister running this code.
import Cycles "mo:core/Cycles";

persistent actor class Child(name : Text) {
  public func hello() : async Text {
    "hello from " # name;
  };

  public func balance() : async Nat {
    Cycles.balance();
  };
};
