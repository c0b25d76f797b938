package circuits

import "github.com/consensys/gnark/constraint/solver"

func hintID(h solver.Hint) solver.HintID { return solver.GetHintID(h) }
