// The callee of CompositeCaller.mo: a query that changes state (the change is discarded) and an update method.
persistent actor QueryCallee {
  var hits : Nat = 41;

  public query func peek() : async Nat {
    hits += 1;
    hits;
  };

  public func bump() : async Nat {
    hits += 1;
    hits;
  };
};
