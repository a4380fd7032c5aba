; std::log(float) is a wrapper in <cmath>: the call in the user's code is
; checked, the wrapper's body is not (its location is the header's), and
; what -ffast-math promises about the result is dropped on both.
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -S %s | FileCheck %s

target triple = "x86_64-unknown-linux-gnu"

declare float @llvm.log.f32(float)

; The operation is named as the user wrote it, with the lint's rule id.
; CHECK-DAG: c"log\00"
; CHECK-DAG: c"nanguard-unguarded-log\00"

; CHECK-LABEL: define linkonce_odr float @_ZSt3logf(float %x)
; CHECK-NEXT: %r = call reassoc nsz arcp contract afn float @llvm.log.f32(float %x)
; CHECK-NEXT: ret float %r
define linkonce_odr nofpclass(nan inf) float @_ZSt3logf(float %x) {
  %r = call fast float @llvm.log.f32(float %x)
  ret float %r
}

define float @nll(float %p) {
; CHECK-LABEL: define float @nll(
; CHECK: %l = call float @_ZSt3logf(float %p)
; CHECK: call void @__nanguard_report(
  %l = call nofpclass(nan inf) float @_ZSt3logf(float %p)
  %n = fneg float %l
  ret float %n
}
