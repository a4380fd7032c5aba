; all mode: also fadd, fsub, fmul (overflow to inf) and narrowing conversions.
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes='nanguard<all>' -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%nanguard_pass -passes=nanguard -nanguard-mode=all -S %s | FileCheck %s

target triple = "x86_64-unknown-linux-gnu"

; CHECK-DAG: c"addition\00"
; CHECK-DAG: c"subtraction\00"
; CHECK-DAG: c"multiplication\00"
; CHECK-DAG: c"conversion to float\00"
; CHECK-DAG: c"nanguard-float-overflow\00"
; CHECK-DAG: c"nanguard-narrowing-overflow\00"

define float @arith(float %a, float %b, double %d) {
; CHECK-LABEL: define float @arith(
; CHECK: %s = fadd float %a, %b
; CHECK: call void @__nanguard_report(ptr @{{.*}}, i32 0, double %{{.*}}, double %{{.*}}, double %{{.*}})
; CHECK: %m = fmul float %s, %b
; CHECK: call void @__nanguard_report(
; CHECK: %t = fsub float %m, %a
; CHECK: call void @__nanguard_report(
; CHECK: %n = fptrunc double %d to float
; CHECK-NEXT: bitcast float %n to i32
; CHECK: bitcast double %d to i64
; CHECK: call void @__nanguard_report(ptr @{{.*}}, i32 0, double %{{.*}}, double %d, double 0.000000e+00)
  %s = fadd ninf float %a, %b
  %m = fmul float %s, %b
  %t = fsub float %m, %a
  %n = fptrunc double %d to float
  %r = fadd float %t, %n
  ret float %r
}
